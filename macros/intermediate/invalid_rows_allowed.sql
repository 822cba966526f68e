{#- Whether the analyst chose to build without the invalid raw rows (var allow_invalid_rows). -#}
{% macro invalid_rows_allowed() %}
    {{ return((var('allow_invalid_rows', '0') | string | trim | lower) in ['1', 'true', 'yes', 'y', 'on']) }}
{% endmacro %}
