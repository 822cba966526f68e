{#-
    What validation promises for the rows that count (docs/data-contract.md): in each
    int_<table>_validated model every valid row has its key, unique among the valid rows, every
    value the contract says may not be empty, and a province. Fails with one row per broken
    promise: the table, the check and the offending value.
-#}
{%- set tables = [
    ('enterprises', ['enterprise_id'], ['enterprise_name', 'region_code', 'established_date']),
    ('enterprise_annual', ['enterprise_id', 'data_year'], [
        'is_listed', 'is_unicorn', 'is_gazelle', 'is_high_tech', 'has_website', 'patents',
        'software_copyrights']),
    ('financing_events', ['event_id'], ['enterprise_id', 'event_date', 'amount']),
    ('policies', ['policy_id'], ['title', 'issuer_region_code', 'issued_date', 'policy_type']),
    ('universities', ['university_id'], ['university_name', 'region_code']),
    ('institutions', ['institution_id'], [
        'institution_name', 'region_code', 'institution_type', 'established_date']),
] -%}

with

{% for table_name, key_columns, required_columns in tables %}
int_{{ table_name }}_validated as (
    select * from {{ ref('int_' ~ table_name ~ '_validated') }}
),

{% endfor %}
{%- for table_name, key_columns, required_columns in tables %}
{%- set model = 'int_' ~ table_name ~ '_validated' %}
{%- set key = key_columns | join(" || '/' || ") %}
{{ table_name }}_checked as (
    select
        '{{ table_name }}' as table_name,
        'valid row without its key' as broken_check,
        cast(source_row as varchar) as offending_value
    from {{ model }}
    where is_valid and ({{ key_columns | join(' is null or ') }} is null)

    union all

    select '{{ table_name }}', 'key occurs in more than one valid row', {{ key }}
    from {{ model }}
    where is_valid
    group by {{ key_columns | join(', ') }}
    having count(*) > 1

    union all

    select '{{ table_name }}', 'valid row without a province', cast(source_row as varchar)
    from {{ model }}
    where is_valid and province_code is null

    union all

    select '{{ table_name }}', 'valid row with an empty required value', cast(source_row as varchar)
    from {{ model }}
    where is_valid and ({{ required_columns | join(' is null or ') }} is null)
),

{% endfor %}
final as (
    {%- for table_name, key_columns, required_columns in tables %}
    select * from {{ table_name }}_checked
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
)

select * from final
