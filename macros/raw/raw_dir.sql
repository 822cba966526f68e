{#-
    The directory the raw tables are read from: var `raw_dir` (env BDI_RAW_DIR), by default the
    bundled SYNTHETIC sample, data/sample. Returned without a trailing slash.
-#}
{% macro raw_dir() %}
    {%- set configured = var('raw_dir', '') | string | trim -%}
    {{ return((configured or 'data/sample').rstrip('/')) }}
{% endmacro %}
