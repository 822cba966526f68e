{#-
    The directory of the published editions: var `published_dir` (env BDI_PUBLISHED_DIR), by
    default `published` (relative to where dbt runs, the project root). No trailing slash.
-#}
{% macro published_dir() %}
    {%- set configured = var('published_dir', '') | string | trim -%}
    {{ return((configured or 'published').rstrip('/')) }}
{% endmacro %}
