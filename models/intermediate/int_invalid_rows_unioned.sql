{#-
    Every raw row that breaks a rule of the data contract, one row per (raw row, broken rule),
    from the validated tables (the six and the optional topic tables); empty when every raw row
    is valid. The gate int_invalid_rows_checked stops the build on it; the public table
    invalid_rows lists it.
-#}
{%- set rules = bdi.invalid_row_rules() -%}

with

int_enterprises_validated as (
    select * from {{ ref('int_enterprises_validated') }}
),

int_enterprise_annual_validated as (
    select * from {{ ref('int_enterprise_annual_validated') }}
),

int_financing_events_validated as (
    select * from {{ ref('int_financing_events_validated') }}
),

int_policies_validated as (
    select * from {{ ref('int_policies_validated') }}
),

int_universities_validated as (
    select * from {{ ref('int_universities_validated') }}
),

int_institutions_validated as (
    select * from {{ ref('int_institutions_validated') }}
),

int_topics_validated as (
    select * from {{ ref('int_topics_validated') }}
),

int_topic_values_validated as (
    select * from {{ ref('int_topic_values_validated') }}
),

invalid_rows_keyed as (
    select 'enterprises' as source_table, source_row, enterprise_id as row_key, problems
    from int_enterprises_validated
    where not is_valid

    union all

    select
        'enterprise_annual' as source_table,
        source_row,
        enterprise_id || '/' || coalesce(cast(data_year as varchar), '?') as row_key,
        problems
    from int_enterprise_annual_validated
    where not is_valid

    union all

    select 'financing_events' as source_table, source_row, event_id as row_key, problems
    from int_financing_events_validated
    where not is_valid

    union all

    select 'policies' as source_table, source_row, policy_id as row_key, problems
    from int_policies_validated
    where not is_valid

    union all

    select 'universities' as source_table, source_row, university_id as row_key, problems
    from int_universities_validated
    where not is_valid

    union all

    select 'institutions' as source_table, source_row, institution_id as row_key, problems
    from int_institutions_validated
    where not is_valid

    union all

    select 'topics' as source_table, source_row, topic_code as row_key, problems
    from int_topics_validated
    where not is_valid

    union all

    select
        'topic_values' as source_table,
        source_row,
        coalesce(topic_code, '?') || '/' || coalesce(region_code, '?') || '/'
        || coalesce(cast(data_year as varchar), '?') as row_key,
        problems
    from int_topic_values_validated
    where not is_valid
),

problems_unnested as (
    select
        source_table,
        source_row,
        row_key,
        unnest(problems, recursive := true)
    from invalid_rows_keyed
),

final as (
    select
        source_table,
        source_row,
        row_key,
        rule,
        column_name,
        raw_value,
        case rule
            {%- for rule, text in rules.items() %}
            when '{{ rule }}' then '{{ text }}'
            {%- endfor %}
        end as reason
    from problems_unnested
)

select * from final
