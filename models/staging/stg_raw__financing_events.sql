{#- Validation needs the enterprises: an event must refer to an enterprise that exists and is valid. -#}
with

source as (
    select * from {{ bdi.raw_table('financing_events') }}
),

parsed as (
    select
        source_row,
        {{ bdi.clean_text('event_id') }} as event_id,
        {{ bdi.clean_text('enterprise_id') }} as enterprise_id,
        {{ bdi.parse_date('event_date') }} as event_date,
        {{ bdi.parse_number('amount') }} as amount,
        {{ bdi.clean_text('round') }} as financing_round,
        {%- for column in bdi.raw_table_columns()['financing_events'] %}
        {{ bdi.clean_text(column) }} as {{ column }}_raw{{ ',' if not loop.last }}
        {%- endfor %}
    from source
),

keys_counted as (
    select
        *,
        count(*) over (partition by event_id) as key_count
    from parsed
),

enterprises_joined as (
    {{ bdi.attach_enterprise('keys_counted') }}
),

validated as (
    select
        *,
        {{ bdi.collect_problems([
            ("event_id is null", 'missing_value', 'event_id'),
            ("event_id is not null and key_count > 1", 'duplicate_key', 'event_id'),
            ("enterprise_id is null", 'missing_value', 'enterprise_id'),
            ("enterprise_id is not null and not has_enterprise", 'orphan_reference', 'enterprise_id'),
            ("has_enterprise and not is_enterprise_valid", 'invalid_reference', 'enterprise_id'),
            ("event_date_raw is null", 'missing_value', 'event_date'),
            (bdi.is_unparseable('event_date_raw', 'event_date'), 'unparseable_date', 'event_date'),
            ("amount_raw is null", 'missing_value', 'amount'),
            (bdi.is_unparseable('amount_raw', 'amount'), 'unparseable_number', 'amount'),
            ("amount <= 0", 'non_positive_amount', 'amount'),
        ]) }} as problems
    from enterprises_joined
),

final as (
    select
        source_row,
        event_id,
        enterprise_id,
        province_code,
        city_code,
        event_date,
        amount,
        financing_round,
        len(problems) = 0 as is_valid,
        problems
    from validated
)

select * from final
