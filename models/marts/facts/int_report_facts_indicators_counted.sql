{#-
    Report facts counted from indicator values (docs/analyses.md §6):
    - cities_with_unicorns, cities_with_management_agency (group `all`): cities whose unicorns /
      management_agencies raw value is > 0, with the share of all cities of dim_regions (337);
    - provinces_with_data_exchange (group `all` and each macro-region): provinces with
      data_exchanges > 0, with the share of the group's provinces;
    - provinces_by_data_exchange_count (groups `0`, `1-2`, `3+`): provinces by their number of
      data exchanges, named in region-code order.
    A region without a value in an edition counts as having none.
-#}

with

fct_indicator_values as (
    select * from {{ ref('fct_indicator_values') }}
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

{#- Every region in every edition, with the three counts (0 where no value). #}
regions_counted as (
    select
        editions.edition,
        dim_regions.region_level,
        dim_regions.region_code,
        dim_regions.region_name,
        dim_regions.region_name_en,
        dim_regions.macro_region,
        {%- for indicator in ['unicorns', 'management_agencies', 'data_exchanges'] %}
        coalesce(max(
            case
                when indicator_values.indicator_code = '{{ indicator }}' then indicator_values.raw_value
            end
        ), 0) as {{ indicator }}{{ ',' if not loop.last }}
        {%- endfor %}
    from editions
    cross join dim_regions
    left join fct_indicator_values as indicator_values
        on editions.edition = indicator_values.edition
        and dim_regions.region_level = indicator_values.region_level
        and dim_regions.region_code = indicator_values.region_code
        and indicator_values.indicator_code in ('unicorns', 'management_agencies', 'data_exchanges')
    group by
        editions.edition,
        dim_regions.region_level,
        dim_regions.region_code,
        dim_regions.region_name,
        dim_regions.region_name_en,
        dim_regions.macro_region
),

city_shares as (
    select
        edition,
        facts.fact_code,
        sum(case
            when facts.fact_code = 'cities_with_unicorns' and unicorns > 0 then 1
            when facts.fact_code = 'cities_with_management_agency' and management_agencies > 0 then 1
            else 0
        end) as region_count,
        count(*) as all_count
    from regions_counted
    cross join (
        select 'cities_with_unicorns' as fact_code
        union all
        select 'cities_with_management_agency'
    ) as facts
    where region_level = 'city'
    group by edition, facts.fact_code
),

province_groups as (
    select edition, 'all' as group_code, region_code, data_exchanges
    from regions_counted
    where region_level = 'province'
    union all
    select edition, macro_region, region_code, data_exchanges
    from regions_counted
    where region_level = 'province'
),

exchange_shares as (
    select
        edition,
        group_code,
        sum(case when data_exchanges > 0 then 1 else 0 end) as region_count,
        count(*) as all_count
    from province_groups
    group by edition, group_code
),

shares_stacked as (
    select
        edition,
        fact_code,
        'city' as region_level,
        'all' as group_code,
        'default' as template_variant,
        cast(null as varchar) as macro_region,
        region_count,
        all_count
    from city_shares
    union all
    select
        edition,
        'provinces_with_data_exchange',
        'province',
        group_code,
        case group_code when 'all' then 'all' else 'macro_region' end,
        case when group_code <> 'all' then group_code end,
        region_count,
        all_count
    from exchange_shares
),

share_facts as (
    select
        {{ report_fact_columns(
            fact_code='fact_code',
            group_code='group_code',
            value='region_count',
            detail=format_number('100.0 * region_count / all_count', 1) ~ " || '%'",
            template_variant='template_variant',
            label_kind="case when macro_region is not null then 'macro_region' end",
            label_code='macro_region',
            share='100.0 * region_count / all_count',
            share_of='all_count',
        ) }}
    from shares_stacked
),

provinces_classed as (
    select
        regions_counted.*,
        case
            when data_exchanges = 0 then '0'
            when data_exchanges <= 2 then '1-2'
            else '3+'
        end as count_class
    from regions_counted
    where region_level = 'province'
),

classes_expected as (
    select editions.edition, classes.count_class
    from editions
    cross join (
        select '0' as count_class
        union all
        select '1-2'
        union all
        select '3+'
    ) as classes
),

classes_listed as (
    select
        edition,
        count_class,
        count(*) as region_count,
        {{ dbt.listagg('region_name', "'、'", 'order by region_code') }} as names_zh,
        {{ dbt.listagg('region_name_en', "', '", 'order by region_code') }} as names_en
    from provinces_classed
    group by edition, count_class
),

class_facts as (
    select
        {{ report_fact_columns(
            edition='classes_expected.edition',
            fact_code="'provinces_by_data_exchange_count'",
            region_level="'province'",
            group_code='classes_expected.count_class',
            value='coalesce(classes_listed.region_count, 0)',
            detail="coalesce(classes_listed.names_zh, '')",
            template_variant="case when region_count is null then 'empty' else 'default' end",
            label_kind="'data_exchange_count'",
            label_code='classes_expected.count_class',
            names_zh='classes_listed.names_zh',
            names_en='classes_listed.names_en',
        ) }}
    from classes_expected
    left join classes_listed
        on classes_expected.edition = classes_listed.edition
        and classes_expected.count_class = classes_listed.count_class
),

final as (
    select * from share_facts
    union all
    select * from class_facts
)

select * from final
