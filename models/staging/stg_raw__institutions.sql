{#-
    One row per raw institution (management agency, alliance or association, data exchange):
    trimmed, typed and checked against the rules that the row alone can break
    (docs/data-contract.md, table institutions). Its region is resolved in
    int_institutions_validated.
-#}
with

source as (
    select * from {{ source('raw', 'institutions') }}
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
        {{ bdi.clean_text('institution_id') }} as institution_id_raw,
        {{ bdi.clean_text('institution_name') }} as institution_name_raw,
        {{ bdi.clean_text('region_code') }} as region_code_raw,
        {{ bdi.clean_text('institution_type') }} as institution_type_raw,
        {{ bdi.clean_text('established_date') }} as established_date_raw,
        {{ bdi.clean_text('dissolved_date') }} as dissolved_date_raw
    from source
),

-- each row with how many rows share its key (macros/staging/count_keys.sql)
keys_counted as (
    {{ bdi.count_keys('parsed', ['institution_id']) }}
),

validated as (
    select
        *,
        {{ bdi.collect_problems([
            ("institution_id is null", 'missing_value', 'institution_id'),
            ("institution_id is not null and key_count > 1", 'duplicate_key', 'institution_id'),
            ("institution_name is null", 'missing_value', 'institution_name'),
            ("region_code is null", 'missing_value', 'region_code'),
            ("institution_type is null", 'missing_value', 'institution_type'),
            ("institution_type not in ('management_agency', 'alliance', 'data_exchange')", 'unknown_enum', 'institution_type'),
            ("established_date_raw is null", 'missing_value', 'established_date'),
            (bdi.is_unparseable('established_date_raw', 'established_date'), 'unparseable_date', 'established_date'),
            (bdi.is_unparseable('dissolved_date_raw', 'dissolved_date'), 'unparseable_date', 'dissolved_date'),
            ("dissolved_date < established_date", 'end_before_start', 'dissolved_date'),
        ]) }} as problems
    from keys_counted
),

final as (
    select
        source_row,
        institution_id,
        institution_name,
        region_code,
        institution_type,
        established_date,
        dissolved_date,
        len(problems) = 0 as is_valid,
        problems
    from validated
)

select * from final
