-- The floor of the benchmark: the simplest direct DuckDB SQL that computes the 18 indicator values
-- of docs/data-contract.md ("Indicator definitions"), for every edition, region level and region,
-- from the same raw files the build reads. One statement, one connection, no dbt: no validation
-- (the benchmark's raw files are valid), no normalisation, weights or scores. The placeholders (a
-- dollar sign and a table's name in braces) are filled in by bdi/bench/floor.py: read_csv(…,
-- all_varchar = true) or read_parquet(…) of the raw file, read_csv of a reference seed. The
-- benchmark times this statement and checks that its rows equal the build's fct_indicator_values.

create or replace table indicator_values as

with

-- The raw tables, typed as the data contract says (enterprises materialized: used three times).
enterprises as materialized (
    select
        enterprise_id::varchar as enterprise_id,
        region_code::varchar as region_code,
        established_date::date as established_date,
        deregistered_date::date as deregistered_date
    from ${enterprises}
),

enterprise_annual as (
    select
        enterprise_id::varchar as enterprise_id,
        data_year::integer as data_year,
        is_listed::boolean as is_listed,
        is_unicorn::boolean as is_unicorn,
        is_gazelle::boolean as is_gazelle,
        is_high_tech::boolean as is_high_tech,
        has_website::boolean as has_website,
        market_cap::double as market_cap,
        valuation::double as valuation,
        tech_staff::bigint as tech_staff,
        patents::bigint as patents,
        software_copyrights::bigint as software_copyrights
    from ${enterprise_annual}
),

financing_events as (
    select enterprise_id::varchar as enterprise_id, event_date::date as event_date,
        amount::double as amount
    from ${financing_events}
),

policies as (
    select issuer_region_code::varchar as region_code, issued_date::date as issued_date,
        repealed_date::date as repealed_date, policy_type::varchar as policy_type
    from ${policies}
),

universities as (
    select region_code::varchar as region_code,
        bigdata_major_since::integer as bigdata_major_since
    from ${universities}
),

institutions as (
    select region_code::varchar as region_code, institution_type::varchar as institution_type,
        established_date::date as established_date, dissolved_date::date as dissolved_date
    from ${institutions}
),

-- enterprise_annual's indicators per data year and registered region code.
annual_by_code as materialized (
    select
        annual.data_year,
        enterprises.region_code,
        (count(*) filter (where annual.is_listed))::double as listed_enterprises,
        (count(*) filter (where annual.is_unicorn))::double as unicorns,
        (count(*) filter (where annual.is_gazelle))::double as gazelles,
        (count(*) filter (where annual.is_high_tech))::double as high_tech_enterprises,
        coalesce(sum(annual.market_cap) filter (where annual.is_listed), 0) as listed_market_cap,
        coalesce(sum(annual.valuation) filter (where annual.is_unicorn), 0) as unicorn_valuation,
        (count(*) filter (where annual.has_website))::double as enterprise_websites,
        coalesce(sum(annual.patents), 0)::double as patents,
        coalesce(sum(annual.software_copyrights), 0)::double as software_copyrights,
        coalesce(sum(annual.tech_staff) filter (where annual.is_listed), 0)::double
            as listed_tech_staff
    from enterprise_annual as annual
    inner join enterprises using (enterprise_id)
    group by all
),

-- Data years Y (edition Y + 1) and their as-of dates A = Y-12-31.
data_years as materialized (
    select distinct data_year, make_date(data_year, 12, 31) as as_of from annual_by_code
),

-- One row per (data year, registered region code, indicator) with its value.
facts as (
    unpivot annual_by_code
    on columns(* exclude (data_year, region_code))
    into name indicator_code value raw_value

    union all by name

    select data_years.data_year, enterprises.region_code,
        'market_entities' as indicator_code, count(*)::double as raw_value
    from enterprises
    inner join data_years
        on enterprises.established_date <= data_years.as_of
        and (enterprises.deregistered_date is null
            or enterprises.deregistered_date > data_years.as_of)
    group by all

    union all by name

    select year(financing_events.event_date) as data_year, enterprises.region_code,
        'financing_total' as indicator_code, sum(financing_events.amount) as raw_value
    from financing_events
    inner join enterprises using (enterprise_id)
    group by all

    union all by name

    select data_years.data_year, universities.region_code,
        'universities_with_bigdata_major' as indicator_code, count(*)::double as raw_value
    from universities
    inner join data_years on universities.bigdata_major_since <= data_years.data_year
    group by all

    union all by name

    select data_years.data_year, policies.region_code,
        case policies.policy_type
            when 'industry_policy' then 'industry_policies'
            when 'law_regulation' then 'laws_regulations'
        end as indicator_code,
        count(*)::double as raw_value
    from policies
    inner join data_years
        on policies.issued_date <= data_years.as_of
        and (policies.repealed_date is null or policies.repealed_date > data_years.as_of)
    group by all

    union all by name

    select data_years.data_year, institutions.region_code,
        case institutions.institution_type
            when 'management_agency' then 'management_agencies'
            when 'alliance' then 'alliances_associations'
            when 'data_exchange' then 'data_exchanges'
        end as indicator_code,
        count(*)::double as raw_value
    from institutions
    inner join data_years
        on institutions.established_date <= data_years.as_of
        and (institutions.dissolved_date is null
            or institutions.dissolved_date > data_years.as_of)
    group by all
),

-- Each fact at its province and, where it has one, its city (docs/data-contract.md, "Resolving a
-- region code"). Materialized: both levels read it, and the raw files are read once.
facts_resolved as materialized (
    select
        data_year,
        indicator_code,
        raw_value,
        left(region_code, 2) || '0000' as province_code,
        case
            when left(region_code, 2) in ('11', '12', '31', '50') then left(region_code, 2) || '0000'
            when right(region_code, 4) = '0000' or substr(region_code, 3, 2) = '90' then null
            else left(region_code, 4) || '00'
        end as city_code
    from facts
),

values_by_region as (
    select data_year, 'province' as region_level, province_code as region_code, indicator_code,
        sum(raw_value) as raw_value
    from facts_resolved
    group by all

    union all

    select data_year, 'city' as region_level, city_code as region_code, indicator_code,
        sum(raw_value) as raw_value
    from facts_resolved
    where city_code is not null
    group by all
),

-- Every region of each level, for every edition and indicator: 0 where nothing counts.
indicators as (
    select node_code as indicator_code from ${ref_indicator_tree} where node_level::integer = 3
)

select
    data_years.data_year + 1 as edition,
    data_years.data_year,
    regions.region_level,
    regions.region_code,
    indicators.indicator_code,
    coalesce(values_by_region.raw_value, 0) as raw_value
from data_years
cross join ${ref_regions} as regions
cross join indicators
left join values_by_region
    on values_by_region.data_year = data_years.data_year
    and values_by_region.region_level = regions.region_level
    and values_by_region.region_code = regions.region_code
    and values_by_region.indicator_code = indicators.indicator_code
