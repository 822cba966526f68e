-- fct_report_facts holds every fact of docs/analyses.md §6 for every edition of fct_index, with
-- the groups each must have: 4 nodes x every macro-region (top20_by_macro_region), every
-- macro-region (top15_by_macro_region), one row per region ranked 1-5 plus one per region
-- ranked 1 (top_rank_streak), one per tier of fct_index (tier_members), `all` and every
-- macro-region (provinces_with_data_exchange), three count classes, one per level for the rank
-- movements, 4 nodes for circle_leader. Returns every (edition, fact, level) whose number of
-- rows differs from what it should be.

with

fct_report_facts as (
    select * from {{ ref('fct_report_facts') }}
),

fct_index as (
    select * from {{ ref('fct_index') }}
),

dim_regions as (
    select * from {{ ref('dim_regions') }}
),

editions as (
    select distinct edition from fct_index
),

macro_region_count as (
    select count(distinct macro_region) as macro_regions from dim_regions
),

fixed_counts as (
    select
        editions.edition,
        fixed.fact_code,
        fixed.region_level,
        fixed.row_count * case when fixed.per_macro_region then macro_region_count.macro_regions else 1 end
            as row_count
    from editions
    cross join macro_region_count
    cross join (
        select 'top20_by_macro_region' as fact_code, 'city' as region_level, 4 as row_count, true as per_macro_region
        union all select 'top15_by_macro_region', 'province', 1, true
        union all select 'top20_retained', 'city', 1, false
        union all select 'cities_with_unicorns', 'city', 1, false
        union all select 'cities_with_management_agency', 'city', 1, false
        union all select 'provinces_by_data_exchange_count', 'province', 3, false
        union all select 'largest_rank_rise', 'city', 1, false
        union all select 'largest_rank_rise', 'province', 1, false
        union all select 'largest_rank_fall', 'city', 1, false
        union all select 'largest_rank_fall', 'province', 1, false
        union all select 'circle_leader', 'city', 4, false
    ) as fixed
),

counts_expected as (
    select * from fixed_counts
    union all
    select edition, 'provinces_with_data_exchange', 'province', 1 + macro_regions
    from editions
    cross join macro_region_count
    union all
    select
        edition,
        'top_rank_streak',
        region_level,
        sum(case when total_rank <= 5 then 1 else 0 end) + sum(case when total_rank = 1 then 1 else 0 end)
    from fct_index
    group by edition, region_level
    union all
    select edition, 'tier_members', region_level, count(distinct tier)
    from fct_index
    where tier is not null
    group by edition, region_level
),

counts_found as (
    select edition, fact_code, region_level, count(*) as row_count
    from fct_report_facts
    where fact_code <> 'top_node_rank'
    group by edition, fact_code, region_level
)

select
    coalesce(counts_expected.edition, counts_found.edition) as edition,
    coalesce(counts_expected.fact_code, counts_found.fact_code) as fact_code,
    coalesce(counts_expected.region_level, counts_found.region_level) as region_level,
    counts_expected.row_count as expected_rows,
    counts_found.row_count as found_rows
from counts_expected
full outer join counts_found
    on counts_expected.edition = counts_found.edition
    and counts_expected.fact_code = counts_found.fact_code
    and counts_expected.region_level = counts_found.region_level
where counts_expected.row_count is distinct from counts_found.row_count
