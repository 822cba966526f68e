{#-
    Each indicator's value per data year and resolved (province_code, city_code), before the
    roll-up to regions. Only valid raw rows count. city_code is null for records that resolve to a
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

editions as (
    select * from {{ ref('int_editions') }}
),

enterprises as (
    select * from {{ ref('stg_raw__enterprises') }}
    where is_valid
),

enterprise_annual as (
    select * from {{ ref('stg_raw__enterprise_annual') }}
    where is_valid
),

financing_events as (
    select * from {{ ref('stg_raw__financing_events') }}
    where is_valid
),

policies as (
    select * from {{ ref('stg_raw__policies') }}
    where is_valid
),

universities as (
    select * from {{ ref('stg_raw__universities') }}
    where is_valid
),

institutions as (
    select * from {{ ref('stg_raw__institutions') }}
    where is_valid
),

market_entities_counted as (
    select
        editions.data_year,
        enterprises.province_code,
        enterprises.city_code,
        'market_entities' as indicator_code,
        cast(count(*) as double) as indicator_value
    from enterprises
    inner join editions
        on {{ bdi.is_active_at('enterprises.established_date', 'enterprises.deregistered_date', 'editions.as_of_date') }}
    group by 1, 2, 3
),

annual_aggregated as (
    select
        enterprise_annual.data_year,
        enterprise_annual.province_code,
        enterprise_annual.city_code,
        {%- for indicator_code, aggregate in annual_counts.items() %}
        cast({{ aggregate }} as double) as {{ indicator_code }}{{ ',' if not loop.last }}
        {%- endfor %}
    from enterprise_annual
    inner join editions
        on enterprise_annual.data_year = editions.data_year
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
        editions.data_year,
        financing_events.province_code,
        financing_events.city_code,
        'financing_total' as indicator_code,
        sum(financing_events.amount) as indicator_value
    from financing_events
    inner join editions
        on extract(year from financing_events.event_date) = editions.data_year
    group by 1, 2, 3
),

policies_counted as (
    select
        editions.data_year,
        policies.province_code,
        policies.city_code,
        case policies.policy_type
            when 'industry_policy' then 'industry_policies'
            when 'law_regulation' then 'laws_regulations'
        end as indicator_code,
        cast(count(*) as double) as indicator_value
    from policies
    inner join editions
        on {{ bdi.is_active_at('policies.issued_date', 'policies.repealed_date', 'editions.as_of_date') }}
    group by 1, 2, 3, 4
),

universities_counted as (
    select
        editions.data_year,
        universities.province_code,
        universities.city_code,
        'universities_with_bigdata_major' as indicator_code,
        cast(count(*) as double) as indicator_value
    from universities
    inner join editions
        on universities.bigdata_major_since <= editions.data_year
    group by 1, 2, 3
),

institutions_counted as (
    select
        editions.data_year,
        institutions.province_code,
        institutions.city_code,
        case institutions.institution_type
            {%- for institution_type, indicator_code in institution_indicators.items() %}
            when '{{ institution_type }}' then '{{ indicator_code }}'
            {%- endfor %}
        end as indicator_code,
        cast(count(*) as double) as indicator_value
    from institutions
    inner join editions
        on {{ bdi.is_active_at('institutions.established_date', 'institutions.dissolved_date', 'editions.as_of_date') }}
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
