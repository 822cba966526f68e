{#-
    The DuckDB table function that reads a raw file, every CSV value as text. With the file's
    `dialect` and `columns` (read_raw_file_headers) a CSV file is read with them fixed, without
    sniffing it again.
-#}
{% macro raw_file_reader(path, encoding='utf-8', dialect=none, columns=none) %}
    {%- if path.endswith('.parquet') -%}
        {{ return("read_parquet('" ~ bdi.sql_text(path) ~ "')") }}
    {%- endif -%}
    {%- set options = ["header = true"] -%}
    {%- if dialect is none -%}
        {%- do options.extend(["all_varchar = true", "auto_detect = true"]) -%}
    {%- else -%}
        {%- do options.append("auto_detect = false") -%}
        {%- for option, value in dialect.items() -%}
            {%- do options.append(option ~ " = " ~ (value if value is number else "'" ~ bdi.sql_text(value) ~ "'")) -%}
        {%- endfor -%}
        {%- set types = [] -%}
        {%- for column in columns -%}
            {%- do types.append("'" ~ bdi.sql_text(column) ~ "': 'VARCHAR'") -%}
        {%- endfor -%}
        {%- do options.append("columns = {" ~ types | join(', ') ~ "}") -%}
    {%- endif -%}
    {%- if encoding not in ['utf-8', 'parquet'] -%}
        {%- do options.append("encoding = '" ~ encoding ~ "'") -%}
    {%- endif -%}
    {{ return("read_csv('" ~ bdi.sql_text(path) ~ "', " ~ options | join(', ') ~ ")") }}
{% endmacro %}
