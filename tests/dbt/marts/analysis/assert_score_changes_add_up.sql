-- The change decomposition adds up (docs/analyses.md §1): value and weight effects make the
-- contribution; the total's contribution is the total score's change in fct_index; and every
-- region of every edition with a previous edition has its total row.
with

score_changes as (
    select * from {{ ref('fct_score_changes') }}
),

fct_index as (
    select * from {{ ref('fct_index') }}
),

effects_apart as (
    select edition, region_level, region_code, node_code, 'value + weight effect' as problem
    from score_changes
    where abs(value_effect + weight_effect - contribution) > 1e-9
),

totals as (
    select * from score_changes where node_code = 'total'
),

totals_wrong as (
    select
        current_edition.edition,
        current_edition.region_level,
        current_edition.region_code,
        'total' as node_code,
        'total contribution is not the score change' as problem
    from fct_index as current_edition
    inner join fct_index as previous_edition
        on previous_edition.edition = current_edition.edition - 1
        and previous_edition.region_level = current_edition.region_level
        and previous_edition.region_code = current_edition.region_code
    left join totals
        on totals.edition = current_edition.edition
        and totals.region_level = current_edition.region_level
        and totals.region_code = current_edition.region_code
    where totals.contribution is null
        or abs(
            totals.contribution
            - (current_edition.total_score - previous_edition.total_score)
        ) > 1e-9
)

select * from effects_apart
union all
select * from totals_wrong
