-- Competition ranking (docs/methodology.md §6): a rank is 1 + the number of units with a
-- higher score (rounded to 6 decimals) in the same (edition, region_level, node_code) — or, for
-- the circles, (edition, node_code). Returns every rank that breaks this.

with

node_scores as (
    select * from {{ ref('fct_node_scores') }}
),

circle_scores as (
    select * from {{ ref('fct_circle_scores') }}
),

units_scored as (
    select
        'region' as unit_type,
        edition,
        region_level as unit_group,
        node_code,
        region_code as unit_code,
        {{ bdi.round_double('score', bdi.rank_decimals()) }} as rounded_score,
        score_rank
    from node_scores
    union all
    select
        'circle' as unit_type,
        edition,
        'circle' as unit_group,
        node_code,
        circle_code as unit_code,
        {{ bdi.round_double('score', bdi.rank_decimals()) }} as rounded_score,
        score_rank
    from circle_scores
),

ranks_expected as (
    select
        units_scored.unit_type,
        units_scored.edition,
        units_scored.unit_group,
        units_scored.node_code,
        units_scored.unit_code,
        units_scored.score_rank,
        1 + sum(case when others.rounded_score > units_scored.rounded_score then 1 else 0 end)
            as expected_rank
    from units_scored
    inner join units_scored as others
        on units_scored.unit_type = others.unit_type
        and units_scored.edition = others.edition
        and units_scored.unit_group = others.unit_group
        and units_scored.node_code = others.node_code
    group by
        units_scored.unit_type,
        units_scored.edition,
        units_scored.unit_group,
        units_scored.node_code,
        units_scored.unit_code,
        units_scored.score_rank
)

select *
from ranks_expected
where score_rank <> expected_rank
