{#-
    The file that holds each raw table in `directory`: <table>.csv or <table>.parquet (data
    contract). Returns {table: {'path': ..., 'problem': message or none}}; a missing table (also
    marked 'is_missing') or two files for one table is a problem. One glob per format for all
    tables.
-#}
{% macro find_raw_files(directory, table_names) %}
    {%- set found = run_query(
        "select file from glob('" ~ bdi.sql_text(directory) ~ "/*.csv') union all "
        ~ "select file from glob('" ~ bdi.sql_text(directory) ~ "/*.parquet') order by 1"
    ).columns[0].values() -%}
    {%- set files = {} -%}
    {%- for table in table_names -%}
        {%- set expected = [directory ~ '/' ~ table ~ '.csv', directory ~ '/' ~ table ~ '.parquet'] -%}
        {%- set matches = found | select('in', expected) | list -%}
        {%- if matches | length == 0 -%}
            {%- do files.update({table: {'path': expected[0], 'is_missing': true, 'problem':
                "Raw table '" ~ table ~ "' is missing: expected " ~ expected | join(' or ')
                ~ " (data contract, table " ~ table ~ ")."}}) -%}
        {%- elif matches | length > 1 -%}
            {%- do files.update({table: {'path': matches[0], 'problem':
                "Raw table '" ~ table ~ "' is ambiguous: both " ~ matches | join(' and ')
                ~ " exist; keep one of them."}}) -%}
        {%- else -%}
            {%- do files.update({table: {'path': matches[0], 'problem': none}}) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(files) }}
{% endmacro %}
