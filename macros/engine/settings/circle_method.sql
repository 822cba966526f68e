{#- var('circle_method') (env BDI_CIRCLE_METHOD), checked: docs/methodology.md §8. -#}
{% macro circle_method() %}
    {%- set method = var('circle_method') | string | trim -%}
    {%- if method not in ['sum', 'mean'] -%}
        {{ exceptions.raise_compiler_error(
            "Unknown circle_method '" ~ method ~ "': use sum or mean"
            ~ " (dbt --vars '{circle_method: mean}' or BDI_CIRCLE_METHOD=mean)."
        ) }}
    {%- endif -%}
    {{ return(method) }}
{% endmacro %}
