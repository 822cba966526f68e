{#-
    Whether the raw tables are the bundled SYNTHETIC sample: var raw_dir empty (the default) or
    naming data/sample. `make build` passes an empty raw_dir when BDI_RAW_DIR is data/sample.
-#}
{% macro is_sample_raw_dir() %}
    {{ return(bdi.raw_dir() in ['data/sample', './data/sample']) }}
{% endmacro %}
