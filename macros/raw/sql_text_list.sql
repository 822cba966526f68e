{#- A SQL list literal of the strings in `values`: ['a', 'b']. -#}
{% macro sql_text_list(values) %}
    {%- set quoted = [] -%}
    {%- for value in values -%}
        {%- do quoted.append("'" ~ bdi.sql_text(value) ~ "'") -%}
    {%- endfor -%}
    {{ return('[' ~ quoted | join(', ') ~ ']') }}
{% endmacro %}
