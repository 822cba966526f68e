{#-
    Reads the header of every raw file that passed the byte checks, in one query, and sets each
    file's 'columns' (the names as written in the file). For a CSV file it also sets 'dialect',
    what DuckDB's sniffer finds (delimiter, quote, escape, line end, comment, rows to skip), so
    that the view raw.<table> reads the file with these options fixed instead of sniffing it again
    each time a query binds the view. Where the sniffer sees no quoting, the standard CSV quote
    (") is used, as Excel writes it for a value that holds a comma.
-#}
{% macro read_raw_file_headers(files) %}
    {%- set selects = [] -%}
    {%- for table, file in files.items() if file.problem is none -%}
        {%- if file.path.endswith('.parquet') -%}
            {%- do selects.append(
                "select '" ~ table ~ "' as table_name, to_json(list(column_name)) as column_names, "
                ~ "null::varchar as delimiter, null::varchar as quote, null::varchar as escape, "
                ~ "null::varchar as new_line, null::varchar as comment, null::bigint as skip_rows "
                ~ "from (describe select * from read_parquet('" ~ bdi.sql_text(file.path) ~ "'))") -%}
        {%- else -%}
            {%- do selects.append(
                "select '" ~ table ~ "' as table_name, to_json([col.name for col in Columns]) as column_names, "
                ~ "Delimiter as delimiter, nullif(Quote, '(empty)') as quote, "
                ~ "nullif(Escape, '(empty)') as escape, NewLineDelimiter as new_line, "
                ~ "nullif(Comment, '(empty)') as comment, SkipRows as skip_rows "
                ~ "from sniff_csv('" ~ bdi.sql_text(file.path) ~ "', header = true, all_varchar = true"
                ~ (", encoding = '" ~ file.encoding ~ "'" if file.encoding != 'utf-8' else '') ~ ")") -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if selects -%}
        {%- for row in run_query(selects | join('\nunion all\n')).rows -%}
            {%- set file = files[row['table_name']] -%}
            {%- do file.update({'columns': fromjson(row['column_names'])}) -%}
            {%- if row['delimiter'] is not none -%}
                {%- set quote = row['quote'] or '"' -%}
                {%- do file.update({'dialect': {
                    'delim': row['delimiter'],
                    'quote': quote,
                    'escape': row['escape'] or quote,
                    'new_line': row['new_line'],
                    'comment': row['comment'] or '',
                    'skip': row['skip_rows'],
                }}) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(files) }}
{% endmacro %}
