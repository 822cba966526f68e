{#-
    One row per raw financing round: trimmed, typed and checked against the rules that the row
    alone can break (docs/data-contract.md, table financing_events). The raw column `round` is
    renamed financing_round. Whether its enterprise exists and is valid is checked in
    int_financing_events_validated.
-#}
with

source as (
    select * from {{ source('raw', 'financing_events') }}
),

parsed as (
    select
        source_row,
        {{ bdi.clean_text('event_id') }} as event_id,
        {{ bdi.clean_text('enterprise_id') }} as enterprise_id,
        {{ bdi.parse_date('event_date') }} as event_date,
        {{ bdi.parse_number('amount') }} as amount,
        {{ bdi.clean_text('round') }} as financing_round,
        {{ bdi.clean_text('event_id') }} as event_id_raw,
        {{ bdi.clean_text('enterprise_id') }} as enterprise_id_raw,
        {{ bdi.clean_text('event_date') }} as event_date_raw,
        {{ bdi.clean_text('amount') }} as amount_raw
    from source
),

-- each row with how many rows share its key (macros/staging/count_keys.sql)
keys_counted as (
    {{ bdi.count_keys('parsed', ['event_id']) }}
),

validated as (
    select
        *,
        {{ bdi.collect_problems([
            ("event_id is null", 'missing_value', 'event_id'),
            ("event_id is not null and key_count > 1", 'duplicate_key', 'event_id'),
            ("enterprise_id is null", 'missing_value', 'enterprise_id'),
            ("event_date_raw is null", 'missing_value', 'event_date'),
            (bdi.is_unparseable('event_date_raw', 'event_date'), 'unparseable_date', 'event_date'),
            ("amount_raw is null", 'missing_value', 'amount'),
            (bdi.is_unparseable('amount_raw', 'amount'), 'unparseable_number', 'amount'),
            ("amount <= 0", 'non_positive_amount', 'amount'),
        ]) }} as problems
    from keys_counted
),

final as (
    select
        source_row,
        event_id,
        enterprise_id,
        event_date,
        amount,
        financing_round,
        len(problems) = 0 as is_valid,
        problems
    from validated
)

select * from final
