{#- `value` for use inside a single-quoted SQL string literal (quotes doubled). -#}
{% macro sql_text(value) %}
    {{ return(value | string | replace("'", "''")) }}
{% endmacro %}
