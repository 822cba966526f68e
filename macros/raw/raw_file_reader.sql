{#- The DuckDB table function that reads a raw file, every CSV value as text. -#}
{% macro raw_file_reader(path, encoding='utf-8') %}
    {%- if path.endswith('.parquet') -%}
        {{ return("read_parquet('" ~ bdi.sql_text(path) ~ "')") }}
    {%- endif -%}
    {{ return("read_csv('" ~ bdi.sql_text(path) ~ "', header = true, all_varchar = true, auto_detect = true"
        ~ (", encoding = '" ~ encoding ~ "'" if encoding not in ['utf-8', 'parquet'] else '') ~ ")") }}
{% endmacro %}
