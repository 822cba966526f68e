{#-
    One row per raw enterprise_annual row (an enterprise's annual snapshot): trimmed, typed and
    checked against the rules that the row alone can break (docs/data-contract.md, table
    enterprise_annual). Whether its enterprise exists and is valid is checked in
    int_enterprise_annual_validated.
-#}
with

source as (
    select * from {{ source('raw', 'enterprise_annual') }}
),

parsed as (
    select
        source_row,
        {{ bdi.clean_text('enterprise_id') }} as enterprise_id,
        {{ bdi.parse_integer('data_year') }} as data_year,
        {{ bdi.parse_boolean('is_listed') }} as is_listed,
        {{ bdi.parse_boolean('is_unicorn') }} as is_unicorn,
        {{ bdi.parse_boolean('is_gazelle') }} as is_gazelle,
        {{ bdi.parse_boolean('is_high_tech') }} as is_high_tech,
        {{ bdi.parse_boolean('has_website') }} as has_website,
        {{ bdi.parse_number('market_cap') }} as market_cap,
        {{ bdi.parse_number('valuation') }} as valuation,
        {{ bdi.parse_integer('tech_staff') }} as tech_staff,
        {{ bdi.parse_integer('patents') }} as patents,
        {{ bdi.parse_integer('software_copyrights') }} as software_copyrights,
        {{ bdi.clean_text('enterprise_id') }} as enterprise_id_raw,
        {{ bdi.clean_text('data_year') }} as data_year_raw,
        {{ bdi.clean_text('is_listed') }} as is_listed_raw,
        {{ bdi.clean_text('is_unicorn') }} as is_unicorn_raw,
        {{ bdi.clean_text('is_gazelle') }} as is_gazelle_raw,
        {{ bdi.clean_text('is_high_tech') }} as is_high_tech_raw,
        {{ bdi.clean_text('has_website') }} as has_website_raw,
        {{ bdi.clean_text('market_cap') }} as market_cap_raw,
        {{ bdi.clean_text('valuation') }} as valuation_raw,
        {{ bdi.clean_text('tech_staff') }} as tech_staff_raw,
        {{ bdi.clean_text('patents') }} as patents_raw,
        {{ bdi.clean_text('software_copyrights') }} as software_copyrights_raw
    from source
),

-- each row with how many rows share its key (macros/staging/count_keys.sql)
keys_counted as (
    {{ bdi.count_keys('parsed', ['enterprise_id', 'data_year_raw']) }}
),

validated as (
    select
        *,
        {{ bdi.collect_problems([
            ("enterprise_id is null", 'missing_value', 'enterprise_id'),
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
    from keys_counted
),

final as (
    select
        source_row,
        enterprise_id,
        data_year,
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
