{#-
    One row per raw special topic (optional table, docs/data-contract.md, table topics): trimmed
    and checked against the contract's rules (topic_code present, unique and made of lower-case
    letters, digits and _; a Chinese name). Empty when the build has no topics.
-#}
with

source as (
    select * from {{ source('raw', 'topics') }}
),

parsed as (
    select
        source_row,
        {{ bdi.clean_text('topic_code') }} as topic_code,
        {{ bdi.clean_text('name_zh') }} as name_zh,
        {{ bdi.clean_text('name_en') }} as name_en,
        {{ bdi.clean_text('unit') }} as unit,
        {{ bdi.clean_text('topic_code') }} as topic_code_raw,
        {{ bdi.clean_text('name_zh') }} as name_zh_raw
    from source
),

-- each row with how many rows share its key (macros/staging/count_keys.sql)
keys_counted as (
    {{ bdi.count_keys('parsed', ['topic_code']) }}
),

validated as (
    select
        *,
        {{ bdi.collect_problems([
            ("topic_code is null", 'missing_value', 'topic_code'),
            ("topic_code is not null and key_count > 1", 'duplicate_key', 'topic_code'),
            ("not regexp_full_match(topic_code, '[a-z0-9_]+')", 'invalid_format', 'topic_code'),
            ("name_zh is null", 'missing_value', 'name_zh'),
        ]) }} as problems
    from keys_counted
),

final as (
    select
        source_row,
        topic_code,
        name_zh,
        name_en,
        unit,
        len(problems) = 0 as is_valid,
        problems
    from validated
)

select * from final
