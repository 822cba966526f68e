{#- A raw number (thousands separators allowed), or null when empty or unreadable. -#}
{% macro parse_number(column) -%}
    {{ return(adapter.dispatch('parse_number', 'bdi')(column)) }}
{%- endmacro %}

{% macro default__parse_number(column) -%}
    cast({{ bdi.clean_text(column) }} as double)
{%- endmacro %}

{% macro duckdb__parse_number(column) -%}
    try_cast(replace({{ bdi.clean_text(column) }}, ',', '') as double)
{%- endmacro %}
