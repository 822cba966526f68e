{#- What a raw file must hold at least (for an empty or blank file). -#}
{% macro empty_raw_file_hint(columns) %}
    {{ return("A raw table needs at least its header row: " ~ columns | join(',')
        ~ " (a file with only the header row is a valid empty table).") }}
{% endmacro %}
