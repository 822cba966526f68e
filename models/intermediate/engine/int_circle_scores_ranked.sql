{#-
    Economic circles (docs/methodology.md §8): a circle's score for a node of levels 0–2 from its
    member cities' scores (city level), both as the sum (the circle's total strength) and as the
    mean (the average member); `score` is the one of var('circle_method') (sum by default), by
    which the circles are ranked among themselves per (edition, node_code), with rank change
    against the previous edition (docs/methodology.md §6).
-#}
{%- set circle_method = bdi.circle_method() -%}

with

node_scores_ranked as (
    select * from {{ ref('int_node_scores_ranked') }}
),

circle_members as (
    select * from {{ ref('ref_circle_members') }}
),

circles_named as (
    select distinct
        circle_code,
        circle_name
    from circle_members
),

scores_summarized as (
    select
        node_scores_ranked.edition,
        circle_members.circle_code,
        node_scores_ranked.node_code,
        node_scores_ranked.node_level,
        count(*) as member_count,
        sum(node_scores_ranked.score) as score_sum,
        avg(node_scores_ranked.score) as score_mean
    from circle_members
    inner join node_scores_ranked
        on circle_members.region_code = node_scores_ranked.region_code
        and node_scores_ranked.region_level = 'city'
    group by
        node_scores_ranked.edition,
        circle_members.circle_code,
        node_scores_ranked.node_code,
        node_scores_ranked.node_level
),

scores_ranked as (
    select
        *,
        score_{{ circle_method }} as score,
        {{ bdi.score_rank(['edition', 'node_code'], 'score_' ~ circle_method) }} as score_rank
    from scores_summarized
),

-- rank in edition E − 1 minus rank in E: positive moved up, null without edition E − 1
ranks_changed as (
    select
        current_edition.*,
        previous_edition.score_rank - current_edition.score_rank as rank_change
    from scores_ranked as current_edition
    left join scores_ranked as previous_edition
        on previous_edition.edition = current_edition.edition - 1
        and previous_edition.circle_code = current_edition.circle_code
        and previous_edition.node_code = current_edition.node_code
),

final as (
    select
        ranks_changed.edition,
        ranks_changed.circle_code,
        circles_named.circle_name,
        ranks_changed.node_code,
        ranks_changed.node_level,
        ranks_changed.member_count,
        ranks_changed.score,
        ranks_changed.score_rank,
        ranks_changed.rank_change,
        ranks_changed.score_sum,
        ranks_changed.score_mean,
        '{{ circle_method }}' as circle_method
    from ranks_changed
    inner join circles_named
        on ranks_changed.circle_code = circles_named.circle_code
)

select * from final
