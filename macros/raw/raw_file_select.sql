{#-
    The select behind view raw.<table> for `file` (find_raw_files, then checked and read): each
    contract column as text (`by_name` maps the contract's name to the file's own spelling of
    it), then source_row. A Parquet file numbers its rows
    itself (file_row_number, which keeps the scan parallel); a CSV file is numbered in file order.
-#}
{% macro raw_file_select(file, columns, by_name) %}
    {%- set path = file.path -%}
    {%- set parquet_numbers = path.endswith('.parquet') and 'file_row_number' not in by_name -%}
    {%- set lines = [] -%}
    {%- for column in columns -%}
        {%- do lines.append('cast(' ~ adapter.quote(by_name[column]) ~ ' as varchar) as ' ~ column) -%}
    {%- endfor -%}
    {%- if parquet_numbers -%}
        {%- do lines.append('file_row_number + 1 as source_row') -%}
        {%- set reader = "read_parquet('" ~ bdi.sql_text(path) ~ "', file_row_number = true)" -%}
    {%- else -%}
        {%- do lines.append('row_number() over () as source_row') -%}
        {%- set reader = bdi.raw_file_reader(path, file.encoding, file.get('dialect'), file.columns) -%}
    {%- endif -%}
    {{ return('select\n    ' ~ lines | join(',\n    ') ~ '\nfrom ' ~ reader) }}
{% endmacro %}
