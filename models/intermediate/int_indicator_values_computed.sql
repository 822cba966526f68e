{#-
    The raw value of every indicator for every region of both levels and every edition, zeros
    included (data contract, "Indicator definitions"). A province counts every record that resolves
    to it, with or without a city; municipalities get the same value at both levels.
-#}
with

int_editions_derived as (
    select * from {{ ref('int_editions_derived') }}
),

ref_regions as (
    select * from {{ ref('ref_regions') }}
),

ref_indicator_tree as (
    select * from {{ ref('ref_indicator_tree') }}
),

int_indicator_facts_aggregated as (
    select * from {{ ref('int_indicator_facts_aggregated') }}
),

facts_by_region as (
    select
        data_year,
        'province' as region_level,
        province_code as region_code,
        indicator_code,
        sum(indicator_value) as raw_value
    from int_indicator_facts_aggregated
    group by 1, 2, 3, 4

    union all

    select
        data_year,
        'city' as region_level,
        city_code as region_code,
        indicator_code,
        sum(indicator_value) as raw_value
    from int_indicator_facts_aggregated
    where city_code is not null
    group by 1, 2, 3, 4
),

grid as (
    select
        int_editions_derived.edition,
        int_editions_derived.data_year,
        ref_regions.region_level,
        ref_regions.region_code,
        ref_indicator_tree.node_code as indicator_code
    from int_editions_derived
    cross join ref_regions
    cross join ref_indicator_tree
    where ref_indicator_tree.node_level = 3
),

final as (
    select
        cast(grid.edition as integer) as edition,
        cast(grid.data_year as integer) as data_year,
        grid.region_level,
        grid.region_code,
        grid.indicator_code,
        coalesce(facts_by_region.raw_value, 0) as raw_value
    from grid
    left join facts_by_region
        on grid.data_year = facts_by_region.data_year
        and grid.region_level = facts_by_region.region_level
        and grid.region_code = facts_by_region.region_code
        and grid.indicator_code = facts_by_region.indicator_code
)

select * from final
