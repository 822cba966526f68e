-- rank_change (docs/methodology.md §6) = rank in edition E - 1 minus rank in E, null exactly when
-- E - 1 was not computed; for regions (fct_node_scores) and circles (fct_circle_scores).

with

node_scores as (
    select * from {{ ref('fct_node_scores') }}
),

circle_scores as (
    select * from {{ ref('fct_circle_scores') }}
),

ranks_unioned as (
    select
        edition,
        region_level || '/' || region_code as unit_code,
        node_code,
        score_rank,
        rank_change
    from node_scores
    union all
    select
        edition,
        'circle/' || circle_code as unit_code,
        node_code,
        score_rank,
        rank_change
    from circle_scores
),

editions_computed as (
    select distinct edition from ranks_unioned
),

changes_compared as (
    select
        current_edition.edition,
        current_edition.unit_code,
        current_edition.node_code,
        current_edition.rank_change,
        previous_edition.score_rank - current_edition.score_rank as expected_rank_change,
        previous_editions.edition is not null as has_previous_edition
    from ranks_unioned as current_edition
    left join ranks_unioned as previous_edition
        on previous_edition.edition = current_edition.edition - 1
        and previous_edition.unit_code = current_edition.unit_code
        and previous_edition.node_code = current_edition.node_code
    left join editions_computed as previous_editions
        on previous_editions.edition = current_edition.edition - 1
)

select *
from changes_compared
where (has_previous_edition and expected_rank_change is null)
    or rank_change is distinct from expected_rank_change
