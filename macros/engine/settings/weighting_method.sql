{#- var('weighting_method') (env BDI_WEIGHTING_METHOD), checked: docs/methodology.md §4. -#}
{% macro weighting_method() %}
    {%- set method = var('weighting_method') | string | trim -%}
    {%- if method not in ['improved_vector', 'entropy', 'critic', 'equal', 'expert'] -%}
        {{ exceptions.raise_compiler_error(
            "Unknown weighting_method '" ~ method ~ "': use improved_vector, entropy, critic,"
            ~ " equal or expert (dbt --vars '{weighting_method: entropy}' or"
            ~ " BDI_WEIGHTING_METHOD=entropy)."
        ) }}
    {%- endif -%}
    {{ return(method) }}
{% endmacro %}
