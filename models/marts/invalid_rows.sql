{#- One row per raw row and broken contract rule. Empty when every raw row is valid. -#}
{%- set staged = [
    ('enterprises', 'stg_raw__enterprises', "enterprise_id"),
    ('enterprise_annual', 'stg_raw__enterprise_annual', "enterprise_id || '/' || coalesce(cast(data_year as varchar), '?')"),
    ('financing_events', 'stg_raw__financing_events', "event_id"),
    ('policies', 'stg_raw__policies', "policy_id"),
    ('universities', 'stg_raw__universities', "university_id"),
    ('institutions', 'stg_raw__institutions', "institution_id"),
] -%}
{%- set rules = bdi.invalid_row_rules() -%}

with

{% for table_name, model_name, key_expression in staged %}
{{ table_name }} as (
    select
        '{{ table_name }}' as source_table,
        source_row,
        {{ key_expression }} as row_key,
        unnest(problems, recursive := true)
    from {{ ref(model_name) }}
    where not is_valid
),
{% endfor %}

unioned as (
    {% for table_name, model_name, key_expression in staged %}
    select * from {{ table_name }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}
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
    from unioned
)

select * from final
