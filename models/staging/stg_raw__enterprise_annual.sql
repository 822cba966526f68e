{#- Validation needs the enterprises: an annual row must refer to an enterprise that exists and is valid. -#}
with

source as (
    select * from {{ bdi.raw_table('enterprise_annual') }}
),

parsed as (
    select
        source_row,
        {{ bdi.clean_text('enterprise_id') }} as enterprise_id,
        {{ bdi.parse_integer('data_year') }} as data_year,
        {%- for flag in ['is_listed', 'is_unicorn', 'is_gazelle', 'is_high_tech', 'has_website'] %}
        {{ bdi.parse_boolean(flag) }} as {{ flag }},
        {%- endfor %}
        {%- for amount_column in ['market_cap', 'valuation'] %}
        {{ bdi.parse_number(amount_column) }} as {{ amount_column }},
        {%- endfor %}
        {%- for count in ['tech_staff', 'patents', 'software_copyrights'] %}
        {{ bdi.parse_integer(count) }} as {{ count }},
        {%- endfor %}
        {%- for column in bdi.raw_table_columns()['enterprise_annual'] %}
        {{ bdi.clean_text(column) }} as {{ column }}_raw{{ ',' if not loop.last }}
        {%- endfor %}
    from source
),

keys_counted as (
    select
        *,
        count(*) over (partition by enterprise_id, data_year_raw) as key_count
    from parsed
),

enterprises_joined as (
    {{ bdi.attach_enterprise('keys_counted') }}
),

validated as (
    select
        *,
        {{ bdi.collect_problems([
            ("enterprise_id is null", 'missing_value', 'enterprise_id'),
            ("enterprise_id is not null and not has_enterprise", 'orphan_reference', 'enterprise_id'),
            ("has_enterprise and not is_enterprise_valid", 'invalid_reference', 'enterprise_id'),
            ("data_year_raw is null", 'missing_value', 'data_year'),
            (bdi.is_unparseable('data_year_raw', 'data_year'), 'unparseable_number', 'data_year'),
            ("data_year not between 2000 and 2100", 'out_of_range', 'data_year'),
            ("enterprise_id is not null and data_year_raw is not null and key_count > 1", 'duplicate_key', 'data_year'),
            ("is_listed_raw is null", 'missing_value', 'is_listed'),
            (bdi.is_unparseable('is_listed_raw', 'is_listed'), 'unparseable_boolean', 'is_listed'),
            ("is_unicorn_raw is null", 'missing_value', 'is_unicorn'),
            (bdi.is_unparseable('is_unicorn_raw', 'is_unicorn'), 'unparseable_boolean', 'is_unicorn'),
            ("is_gazelle_raw is null", 'missing_value', 'is_gazelle'),
            (bdi.is_unparseable('is_gazelle_raw', 'is_gazelle'), 'unparseable_boolean', 'is_gazelle'),
            ("is_high_tech_raw is null", 'missing_value', 'is_high_tech'),
            (bdi.is_unparseable('is_high_tech_raw', 'is_high_tech'), 'unparseable_boolean', 'is_high_tech'),
            ("has_website_raw is null", 'missing_value', 'has_website'),
            (bdi.is_unparseable('has_website_raw', 'has_website'), 'unparseable_boolean', 'has_website'),
            (bdi.is_unparseable('market_cap_raw', 'market_cap'), 'unparseable_number', 'market_cap'),
            ("market_cap < 0", 'negative_value', 'market_cap'),
            (bdi.is_unparseable('valuation_raw', 'valuation'), 'unparseable_number', 'valuation'),
            ("valuation < 0", 'negative_value', 'valuation'),
            (bdi.is_unparseable('tech_staff_raw', 'tech_staff'), 'unparseable_number', 'tech_staff'),
            ("tech_staff < 0", 'negative_value', 'tech_staff'),
            ("patents_raw is null", 'missing_value', 'patents'),
            (bdi.is_unparseable('patents_raw', 'patents'), 'unparseable_number', 'patents'),
            ("patents < 0", 'negative_value', 'patents'),
            ("software_copyrights_raw is null", 'missing_value', 'software_copyrights'),
            (bdi.is_unparseable('software_copyrights_raw', 'software_copyrights'), 'unparseable_number', 'software_copyrights'),
            ("software_copyrights < 0", 'negative_value', 'software_copyrights'),
        ]) }} as problems
    from enterprises_joined
),

final as (
    select
        source_row,
        enterprise_id,
        data_year,
        province_code,
        city_code,
        is_listed,
        is_unicorn,
        is_gazelle,
        is_high_tech,
        has_website,
        market_cap,
        valuation,
        tech_staff,
        patents,
        software_copyrights,
        len(problems) = 0 as is_valid,
        problems
    from validated
)

select * from final
