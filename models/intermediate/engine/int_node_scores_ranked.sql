{#-
    Every region's score for every node of levels 0–2 (docs/methodology.md §5, 0–100 scale, full
    precision), its rank within (edition, region_level, node_code) and its rank change against
    the previous edition (docs/methodology.md §6).
-#}

with

subdimension_scores_aggregated as (
    select * from {{ ref('int_subdimension_scores_aggregated') }}
),

dimension_scores_aggregated as (
    select * from {{ ref('int_dimension_scores_aggregated') }}
),

total_scores_aggregated as (
    select * from {{ ref('int_total_scores_aggregated') }}
),

indicator_tree as (
    select * from {{ ref('ref_indicator_tree') }}
),

scores_unioned as (
    select edition, region_level, region_code, node_code, score
    from subdimension_scores_aggregated
    union all
    select edition, region_level, region_code, node_code, score
    from dimension_scores_aggregated
    union all
    select edition, region_level, region_code, node_code, score
    from total_scores_aggregated
),

scores_ranked as (
    select
        scores_unioned.edition,
        scores_unioned.region_level,
        scores_unioned.region_code,
        scores_unioned.node_code,
        indicator_tree.node_level,
        scores_unioned.score,
        {{ bdi.score_rank(['scores_unioned.edition', 'scores_unioned.region_level',
            'scores_unioned.node_code'], 'scores_unioned.score') }} as score_rank
    from scores_unioned
    inner join indicator_tree
        on scores_unioned.node_code = indicator_tree.node_code
),

-- rank in edition E − 1 minus rank in E: positive moved up, null without edition E − 1
ranks_changed as (
    select
        current_edition.*,
        previous_edition.score_rank - current_edition.score_rank as rank_change
    from scores_ranked as current_edition
    left join scores_ranked as previous_edition
        on previous_edition.edition = current_edition.edition - 1
        and previous_edition.region_level = current_edition.region_level
        and previous_edition.region_code = current_edition.region_code
        and previous_edition.node_code = current_edition.node_code
),

final as (
    select
        edition,
        region_level,
        region_code,
        node_code,
        node_level,
        score,
        score_rank,
        rank_change
    from ranks_changed
)

select * from final
