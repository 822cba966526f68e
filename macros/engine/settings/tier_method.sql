{#- var('tier_method') (env BDI_TIER_METHOD), checked: docs/methodology.md §7. -#}
{% macro tier_method() %}
    {%- set method = var('tier_method') | string | trim -%}
    {%- if method not in ['rank_cutoffs', 'jenks'] -%}
        {{ exceptions.raise_compiler_error(
            "Unknown tier_method '" ~ method ~ "': use rank_cutoffs or jenks"
            ~ " (dbt --vars '{tier_method: jenks}' or BDI_TIER_METHOD=jenks)."
        ) }}
    {%- endif -%}
    {{ return(method) }}
{% endmacro %}
