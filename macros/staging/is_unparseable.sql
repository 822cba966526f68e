{#- A value is unparseable when the raw text is present but the parsed value is null. -#}
{% macro is_unparseable(raw_column, parsed_column) -%}
    ({{ bdi.clean_text(raw_column) }} is not null and {{ parsed_column }} is null)
{%- endmacro %}
