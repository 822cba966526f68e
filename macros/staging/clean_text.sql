{#- Raw text trimmed; an empty value is null. Raw values arrive as text (the raw views cast them). -#}
{% macro clean_text(column) -%}
    nullif(trim(cast({{ column }} as varchar)), '')
{%- endmacro %}
