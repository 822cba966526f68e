{#-
    One row per raw policy or law: trimmed, typed and checked against the rules that the row alone
    can break (docs/data-contract.md, table policies). The issuer's region is resolved in
    int_policies_validated.
-#}
with

source as (
    select * from {{ source('raw', 'policies') }}
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
        {{ bdi.clean_text('policy_id') }} as policy_id_raw,
        {{ bdi.clean_text('title') }} as title_raw,
        {{ bdi.clean_text('issuer_region_code') }} as issuer_region_code_raw,
        {{ bdi.clean_text('issued_date') }} as issued_date_raw,
        {{ bdi.clean_text('repealed_date') }} as repealed_date_raw,
        {{ bdi.clean_text('policy_type') }} as policy_type_raw
    from source
),

-- each row with how many rows share its key (macros/staging/count_keys.sql)
keys_counted as (
    {{ bdi.count_keys('parsed', ['policy_id']) }}
),

validated as (
    select
        *,
        {{ bdi.collect_problems([
            ("policy_id is null", 'missing_value', 'policy_id'),
            ("policy_id is not null and key_count > 1", 'duplicate_key', 'policy_id'),
            ("title is null", 'missing_value', 'title'),
            ("issuer_region_code is null", 'missing_value', 'issuer_region_code'),
            ("issued_date_raw is null", 'missing_value', 'issued_date'),
            (bdi.is_unparseable('issued_date_raw', 'issued_date'), 'unparseable_date', 'issued_date'),
            (bdi.is_unparseable('repealed_date_raw', 'repealed_date'), 'unparseable_date', 'repealed_date'),
            ("repealed_date < issued_date", 'end_before_start', 'repealed_date'),
            ("policy_type is null", 'missing_value', 'policy_type'),
            ("policy_type not in ('industry_policy', 'law_regulation')", 'unknown_enum', 'policy_type'),
        ]) }} as problems
    from keys_counted
),

final as (
    select
        source_row,
        policy_id,
        title,
        issuer_region_code,
        issued_date,
        repealed_date,
        policy_type,
        len(problems) = 0 as is_valid,
        problems
    from validated
)

select * from final
