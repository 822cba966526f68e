{#-
    fct_indicator_values holds exactly one row per edition, region of dim_regions (both levels)
    and indicator of dim_indicator_tree (level 3): 368 × 18 rows per edition, none missing, none
    extra, none twice (docs/data-contract.md: every region gets a value for every indicator and
    edition). Fails with each key that is missing, unknown or repeated.
-#}
with

fct_indicator_values as (
    select * from {{ ref('fct_indicator_values') }}
),

int_editions_derived as (
    select * from {{ ref('int_editions_derived') }}
),

dim_regions as (
    select * from {{ ref('dim_regions') }}
),

dim_indicator_tree as (
    select * from {{ ref('dim_indicator_tree') }}
),

expected as (
    select
        int_editions_derived.edition,
        dim_regions.region_level,
        dim_regions.region_code,
        dim_indicator_tree.node_code as indicator_code
    from int_editions_derived
    cross join dim_regions
    cross join dim_indicator_tree
    where dim_indicator_tree.node_level = 3
),

actual as (
    select
        edition,
        region_level,
        region_code,
        indicator_code,
        count(*) as occurrences
    from fct_indicator_values
    group by edition, region_level, region_code, indicator_code
),

final as (
    select
        coalesce(expected.edition, actual.edition) as edition,
        coalesce(expected.region_level, actual.region_level) as region_level,
        coalesce(expected.region_code, actual.region_code) as region_code,
        coalesce(expected.indicator_code, actual.indicator_code) as indicator_code,
        coalesce(actual.occurrences, 0) as occurrences,
        expected.edition is not null as is_expected
    from expected
    full outer join actual
        on expected.edition = actual.edition
        and expected.region_level = actual.region_level
        and expected.region_code = actual.region_code
        and expected.indicator_code = actual.indicator_code
    where actual.occurrences is distinct from 1
        or expected.edition is null
)

select * from final
