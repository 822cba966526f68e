{#-
    One row per raw enterprise: trimmed, typed and checked against the rules that the row alone
    can break (docs/data-contract.md, table enterprises). Region resolution happens in
    int_enterprises_validated.
-#}
with

source as (
    select * from {{ source('raw', 'enterprises') }}
),

parsed as (
    select
        source_row,
        {{ bdi.clean_text('enterprise_id') }} as enterprise_id,
        {{ bdi.clean_text('enterprise_name') }} as enterprise_name,
        {{ bdi.clean_text('region_code') }} as region_code,
        {{ bdi.parse_date('established_date') }} as established_date,
        {{ bdi.parse_date('deregistered_date') }} as deregistered_date,
        {{ bdi.clean_text('enterprise_id') }} as enterprise_id_raw,
        {{ bdi.clean_text('enterprise_name') }} as enterprise_name_raw,
        {{ bdi.clean_text('region_code') }} as region_code_raw,
        {{ bdi.clean_text('established_date') }} as established_date_raw,
        {{ bdi.clean_text('deregistered_date') }} as deregistered_date_raw
    from source
),

-- each row with how many rows share its key (macros/staging/count_keys.sql)
keys_counted as (
    {{ bdi.count_keys('parsed', ['enterprise_id']) }}
),

validated as (
    select
        *,
        {{ bdi.collect_problems([
            ("enterprise_id is null", 'missing_value', 'enterprise_id'),
            ("enterprise_id is not null and key_count > 1", 'duplicate_key', 'enterprise_id'),
            ("enterprise_name is null", 'missing_value', 'enterprise_name'),
            ("region_code is null", 'missing_value', 'region_code'),
            ("established_date_raw is null", 'missing_value', 'established_date'),
            (bdi.is_unparseable('established_date_raw', 'established_date'), 'unparseable_date', 'established_date'),
            ("established_date > " ~ bdi.build_date(), 'future_date', 'established_date'),
            (bdi.is_unparseable('deregistered_date_raw', 'deregistered_date'), 'unparseable_date', 'deregistered_date'),
            ("deregistered_date < established_date", 'end_before_start', 'deregistered_date'),
        ]) }} as problems
    from keys_counted
),

final as (
    select
        source_row,
        enterprise_id,
        enterprise_name,
        region_code,
        established_date,
        deregistered_date,
        len(problems) = 0 as is_valid,
        problems
    from validated
)

select * from final
