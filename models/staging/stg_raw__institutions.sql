with

source as (
    select * from {{ bdi.raw_table('institutions') }}
),

parsed as (
    select
        source_row,
        {{ bdi.clean_text('institution_id') }} as institution_id,
        {{ bdi.clean_text('institution_name') }} as institution_name,
        {{ bdi.clean_text('region_code') }} as region_code,
        lower({{ bdi.clean_text('institution_type') }}) as institution_type,
        {{ bdi.parse_date('established_date') }} as established_date,
        {{ bdi.parse_date('dissolved_date') }} as dissolved_date,
        {%- for column in bdi.raw_table_columns()['institutions'] %}
        {{ bdi.clean_text(column) }} as {{ column }}_raw{{ ',' if not loop.last }}
        {%- endfor %}
    from source
),

keys_counted as (
    select
        *,
        count(*) over (partition by institution_id) as key_count
    from parsed
),

regions_resolved as (
    {{ bdi.resolve_region('keys_counted', 'region_code') }}
),

validated as (
    select
        *,
        {{ bdi.collect_problems([
            ("institution_id is null", 'missing_value', 'institution_id'),
            ("institution_id is not null and key_count > 1", 'duplicate_key', 'institution_id'),
            ("institution_name is null", 'missing_value', 'institution_name'),
            ("region_code is null", 'missing_value', 'region_code'),
            ("region_problem = 'unknown_region'", 'unknown_region', 'region_code'),
            ("institution_type is null", 'missing_value', 'institution_type'),
            ("institution_type not in ('management_agency', 'alliance', 'data_exchange')", 'unknown_enum', 'institution_type'),
            ("established_date_raw is null", 'missing_value', 'established_date'),
            (bdi.is_unparseable('established_date_raw', 'established_date'), 'unparseable_date', 'established_date'),
            (bdi.is_unparseable('dissolved_date_raw', 'dissolved_date'), 'unparseable_date', 'dissolved_date'),
            ("dissolved_date < established_date", 'end_before_start', 'dissolved_date'),
        ]) }} as problems
    from regions_resolved
),

final as (
    select
        source_row,
        institution_id,
        institution_name,
        region_code,
        province_code,
        city_code,
        institution_type,
        established_date,
        dissolved_date,
        len(problems) = 0 as is_valid,
        problems
    from validated
)

select * from final
