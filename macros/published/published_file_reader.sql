{#- The DuckDB table function that reads a published CSV file (as make publish writes it), every
    value as text. -#}
{% macro published_file_reader(path) %}
    {{ return("read_csv('" ~ bdi.sql_text(path) ~ "', header = true, all_varchar = true, "
        ~ "delim = ',', quote = '\"', escape = '\"')") }}
{% endmacro %}
