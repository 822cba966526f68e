{#- The message for a raw file of 0 bytes. -#}
{% macro empty_raw_file_message(path, table, columns) %}
    {{ return("Raw file " ~ path ~ " is empty (0 bytes) (data contract, table " ~ table ~ "). "
        ~ bdi.empty_raw_file_hint(columns)) }}
{% endmacro %}
