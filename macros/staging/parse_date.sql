{#-
    A raw date, or null when empty or unreadable (is_unparseable tells the two apart and the row
    is recorded as invalid). ISO dates, plus the forms spreadsheets write: 2024/3/5, 2024.3.5 and
    2024年3月5日.
-#}
{% macro parse_date(column) -%}
    {{ return(adapter.dispatch('parse_date', 'bdi')(column)) }}
{%- endmacro %}

{% macro default__parse_date(column) -%}
    cast({{ bdi.clean_text(column) }} as date)
{%- endmacro %}

{% macro duckdb__parse_date(column) -%}
    coalesce(
        try_cast({{ bdi.clean_text(column) }} as date),
        try_strptime({{ bdi.clean_text(column) }}, '%Y/%m/%d')::date,
        try_strptime({{ bdi.clean_text(column) }}, '%Y.%m.%d')::date,
        try_strptime({{ bdi.clean_text(column) }}, '%Y年%m月%d日')::date,
        try_cast({{ bdi.clean_text(column) }} as timestamp)::date
    )
{%- endmacro %}
