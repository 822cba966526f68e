{#-
    Every region's score for every node of levels 0–2 (methodology §5, 0–100 scale, full
    precision), its rank within (edition, region_level, node_code) and its rank change against
    the previous edition (methodology §6).
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

ranks_changed as (
    {{ bdi.rank_change_joined('scores_ranked', ['region_level', 'region_code', 'node_code']) }}
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
