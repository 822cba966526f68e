{#-
    Economic circles (methodology §8): a circle's score for a node (levels 0–2) is the mean of
    its member cities' scores; circles are ranked among themselves per (edition, node_code),
    with rank change against the previous edition.
-#}

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

scores_averaged as (
    select
        node_scores_ranked.edition,
        circle_members.circle_code,
        node_scores_ranked.node_code,
        node_scores_ranked.node_level,
        count(*) as member_count,
        avg(node_scores_ranked.score) as score
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
        edition,
        circle_code,
        node_code,
        node_level,
        member_count,
        score,
        {{ bdi.score_rank(['edition', 'node_code']) }} as score_rank
    from scores_averaged
),

ranks_changed as (
    {{ bdi.rank_change_joined('scores_ranked', ['circle_code', 'node_code']) }}
),

final as (
    select
        ranks_changed.edition,
        ranks_changed.circle_code,
        circles_named.circle_name,
        ranks_changed.node_code,
        ranks_changed.node_level,
        ranks_changed.member_count,
        {{ bdi.round_for_unit_tests('ranks_changed.score', var('unit_test_decimals', none)) }}
            as score,
        ranks_changed.score_rank,
        ranks_changed.rank_change
    from ranks_changed
    inner join circles_named
        on ranks_changed.circle_code = circles_named.circle_code
)

select * from final
