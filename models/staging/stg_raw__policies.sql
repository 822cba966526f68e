with

source as (
    select * from {{ bdi.raw_table('policies') }}
),

parsed as (
    select
        source_row,
        {{ bdi.clean_text('policy_id') }} as policy_id,
        {{ bdi.clean_text('title') }} as title,
        {{ bdi.clean_text('issuer_region_code') }} as issuer_region_code,
        {{ bdi.parse_date('issued_date') }} as issued_date,
        {{ bdi.parse_date('repealed_date') }} as repealed_date,
        lower({{ bdi.clean_text('policy_type') }}) as policy_type,
        {%- for column in bdi.raw_table_columns()['policies'] %}
        {{ bdi.clean_text(column) }} as {{ column }}_raw{{ ',' if not loop.last }}
        {%- endfor %}
    from source
),

keys_counted as (
    select
        *,
        count(*) over (partition by policy_id) as key_count
    from parsed
),

regions_resolved as (
    {{ bdi.resolve_region('keys_counted', 'issuer_region_code') }}
),

validated as (
    select
        *,
        {{ bdi.collect_problems([
            ("policy_id is null", 'missing_value', 'policy_id'),
            ("policy_id is not null and key_count > 1", 'duplicate_key', 'policy_id'),
            ("title is null", 'missing_value', 'title'),
            ("issuer_region_code is null", 'missing_value', 'issuer_region_code'),
            ("region_problem = 'unknown_region'", 'unknown_region', 'issuer_region_code'),
            ("issued_date_raw is null", 'missing_value', 'issued_date'),
            (bdi.is_unparseable('issued_date_raw', 'issued_date'), 'unparseable_date', 'issued_date'),
            (bdi.is_unparseable('repealed_date_raw', 'repealed_date'), 'unparseable_date', 'repealed_date'),
            ("repealed_date < issued_date", 'end_before_start', 'repealed_date'),
            ("policy_type is null", 'missing_value', 'policy_type'),
            ("policy_type not in ('industry_policy', 'law_regulation')", 'unknown_enum', 'policy_type'),
        ]) }} as problems
    from regions_resolved
),

final as (
    select
        source_row,
        policy_id,
        title,
        issuer_region_code,
        province_code,
        city_code,
        issued_date,
        repealed_date,
        policy_type,
        len(problems) = 0 as is_valid,
        problems
    from validated
)

select * from final
