{#-
    Each indicator's value per data year and resolved (province_code, city_code), before the
    roll-up to regions (docs/data-contract.md, "Indicator definitions"). Only valid raw rows count. city_code is null for records that resolve to a
    province only (province-level codes, county-level units administered by the province).
    "Active at A" = start on or before A and no end on or before A.
-#}
{%- set annual_counts = {
    'listed_enterprises': 'count(*) filter (where is_listed)',
    'unicorns': 'count(*) filter (where is_unicorn)',
    'gazelles': 'count(*) filter (where is_gazelle)',
    'high_tech_enterprises': 'count(*) filter (where is_high_tech)',
    'listed_market_cap': 'coalesce(sum(market_cap) filter (where is_listed), 0)',
    'unicorn_valuation': 'coalesce(sum(valuation) filter (where is_unicorn), 0)',
    'enterprise_websites': 'count(*) filter (where has_website)',
    'patents': 'coalesce(sum(patents), 0)',
    'software_copyrights': 'coalesce(sum(software_copyrights), 0)',
    'listed_tech_staff': 'coalesce(sum(tech_staff) filter (where is_listed), 0)',
} -%}
{%- set institution_indicators = {
    'management_agency': 'management_agencies',
    'alliance': 'alliances_associations',
    'data_exchange': 'data_exchanges',
} -%}

with

int_editions_derived as (
    select * from {{ ref('int_editions_derived') }}
),

int_enterprises_validated as (
    select * from {{ ref('int_enterprises_validated') }}
),

int_enterprise_annual_validated as (
    select * from {{ ref('int_enterprise_annual_validated') }}
),

int_financing_events_validated as (
    select * from {{ ref('int_financing_events_validated') }}
),

int_policies_validated as (
    select * from {{ ref('int_policies_validated') }}
),

int_universities_validated as (
    select * from {{ ref('int_universities_validated') }}
),

int_institutions_validated as (
    select * from {{ ref('int_institutions_validated') }}
),

valid_enterprises as (
    select * from int_enterprises_validated
    where is_valid
),

valid_enterprise_annual as (
    select * from int_enterprise_annual_validated
    where is_valid
),

valid_financing_events as (
    select * from int_financing_events_validated
    where is_valid
),

valid_policies as (
    select * from int_policies_validated
    where is_valid
),

valid_universities as (
    select * from int_universities_validated
    where is_valid
),

valid_institutions as (
    select * from int_institutions_validated
    where is_valid
),

market_entities_counted as (
    select
        int_editions_derived.data_year,
        valid_enterprises.province_code,
        valid_enterprises.city_code,
        'market_entities' as indicator_code,
        cast(count(*) as double) as indicator_value
    from valid_enterprises
    inner join int_editions_derived
        on {{ bdi.is_active_at('valid_enterprises.established_date', 'valid_enterprises.deregistered_date', 'int_editions_derived.as_of_date') }}
    group by 1, 2, 3
),

annual_aggregated as (
    select
        valid_enterprise_annual.data_year,
        valid_enterprise_annual.province_code,
        valid_enterprise_annual.city_code,
        {%- for indicator_code, aggregate in annual_counts.items() %}
        cast({{ aggregate }} as double) as {{ indicator_code }}{{ ',' if not loop.last }}
        {%- endfor %}
    from valid_enterprise_annual
    inner join int_editions_derived
        on valid_enterprise_annual.data_year = int_editions_derived.data_year
    group by 1, 2, 3
),

annual_unpivoted as (
    {%- for indicator_code in annual_counts %}
    select
        data_year,
        province_code,
        city_code,
        '{{ indicator_code }}' as indicator_code,
        {{ indicator_code }} as indicator_value
    from annual_aggregated
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
),

financing_summed as (
    select
        int_editions_derived.data_year,
        valid_financing_events.province_code,
        valid_financing_events.city_code,
        'financing_total' as indicator_code,
        sum(valid_financing_events.amount) as indicator_value
    from valid_financing_events
    inner join int_editions_derived
        on extract(year from valid_financing_events.event_date) = int_editions_derived.data_year
    group by 1, 2, 3
),

policies_counted as (
    select
        int_editions_derived.data_year,
        valid_policies.province_code,
        valid_policies.city_code,
        case valid_policies.policy_type
            when 'industry_policy' then 'industry_policies'
            when 'law_regulation' then 'laws_regulations'
        end as indicator_code,
        cast(count(*) as double) as indicator_value
    from valid_policies
    inner join int_editions_derived
        on {{ bdi.is_active_at('valid_policies.issued_date', 'valid_policies.repealed_date', 'int_editions_derived.as_of_date') }}
    group by 1, 2, 3, 4
),

universities_counted as (
    select
        int_editions_derived.data_year,
        valid_universities.province_code,
        valid_universities.city_code,
        'universities_with_bigdata_major' as indicator_code,
        cast(count(*) as double) as indicator_value
    from valid_universities
    inner join int_editions_derived
        on valid_universities.bigdata_major_since <= int_editions_derived.data_year
    group by 1, 2, 3
),

institutions_counted as (
    select
        int_editions_derived.data_year,
        valid_institutions.province_code,
        valid_institutions.city_code,
        case valid_institutions.institution_type
            {%- for institution_type, indicator_code in institution_indicators.items() %}
            when '{{ institution_type }}' then '{{ indicator_code }}'
            {%- endfor %}
        end as indicator_code,
        cast(count(*) as double) as indicator_value
    from valid_institutions
    inner join int_editions_derived
        on {{ bdi.is_active_at('valid_institutions.established_date', 'valid_institutions.dissolved_date', 'int_editions_derived.as_of_date') }}
    group by 1, 2, 3, 4
),

final as (
    select * from market_entities_counted
    union all
    select * from annual_unpivoted
    union all
    select * from financing_summed
    union all
    select * from policies_counted
    union all
    select * from universities_counted
    union all
    select * from institutions_counted
)

select * from final
