{#- The date of the build: var build_date (YYYY-MM-DD) or today. Later raw dates are invalid. -#}
{% macro build_date() -%}
    {%- set configured = var('build_date', '') | string | trim -%}
    {%- if configured -%}
        date '{{ configured }}'
    {%- else -%}
        current_date
    {%- endif -%}
{%- endmacro %}
