{#-
    Checks the bytes of the raw files before DuckDB parses them, so that an empty file or a file in
    the wrong encoding gets a message that names the file and the encoding instead of a parser
    error. `files`: {table: {'path', 'problem'}} (find_raw_files); `columns`: {table: [column]}.
    Sets each file's 'encoding' to 'utf-8' (with or without the byte-order mark Excel writes for
    "CSV UTF-8"), 'utf-16' (Excel's "Unicode text", little-endian with BOM) or 'parquet', or its
    'problem'. GBK/GB18030 (Excel's plain "CSV" on Chinese Windows) cannot be read by DuckDB
    without an extension, so it is refused with the command that converts it.

    One query reads every CSV file once (size, first two bytes, valid UTF-8, NUL bytes, blank).
-#}
{% macro check_raw_file_encodings(files, columns) %}
    {%- set csv_files = {} -%}
    {%- set parquet_files = {} -%}
    {%- for table, file in files.items() if file.problem is none -%}
        {%- if file.path.endswith('.parquet') -%}
            {%- do parquet_files.update({file.path: table}) -%}
        {%- else -%}
            {%- do csv_files.update({file.path: table}) -%}
        {%- endif -%}
    {%- endfor -%}

    {%- if parquet_files -%}
        {%- set sizes = run_query(
            "select filename, size from read_blob(" ~ bdi.sql_text_list(parquet_files.keys()) ~ ")") -%}
        {%- for row in sizes.rows -%}
            {%- set table = parquet_files[row['filename']] -%}
            {%- do files[table].update({'encoding': 'parquet'}) -%}
            {%- if row['size'] == 0 -%}
                {%- do files[table].update({'problem': bdi.empty_raw_file_message(row['filename'], table, columns[table])}) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}

    {%- if csv_files -%}
        {%- set probes = run_query(
            "select filename, size, hex(content[1:2]) as first_bytes, decoded is not null as is_utf8, "
            ~ "coalesce(contains(decoded, chr(0)), false) as has_nul, "
            ~ "coalesce(regexp_matches(decoded, '^[ \\t\\r\\n\\x{FEFF}]*$'), false) as is_blank "
            ~ "from (select filename, size, content, try(decode(content)) as decoded "
            ~ "from read_blob(" ~ bdi.sql_text_list(csv_files.keys()) ~ "))"
        ) -%}
        {%- for probe in probes.rows -%}
            {%- set path = probe['filename'] -%}
            {%- set table = csv_files[path] -%}
            {%- set contract = " (data contract, table " ~ table ~ ")" -%}
            {%- set save_as_utf8 = ". Save it as UTF-8: in Excel, Save As > 'CSV UTF-8 (Comma delimited)'." -%}
            {%- set problem = none -%}
            {%- set encoding = 'utf-8' -%}
            {%- if probe['size'] == 0 -%}
                {%- set problem = bdi.empty_raw_file_message(path, table, columns[table]) -%}
            {%- elif probe['first_bytes'] == 'FFFE' -%}
                {%- set encoding = 'utf-16' -%}
            {%- elif probe['first_bytes'] == 'FEFF' -%}
                {%- set problem = "Raw file " ~ path ~ " is encoded as UTF-16 big-endian, which cannot be read"
                    ~ contract ~ save_as_utf8 -%}
            {%- elif not probe['is_utf8'] -%}
                {%- set problem = bdi.not_utf8_raw_file_message(path, table) -%}
            {%- elif probe['has_nul'] -%}
                {%- set problem = "Raw file " ~ path ~ " contains NUL bytes: it looks like UTF-16 without a "
                    ~ "byte-order mark" ~ contract ~ save_as_utf8 -%}
            {%- elif probe['is_blank'] -%}
                {%- set problem = "Raw file " ~ path ~ " has no header row (only blanks)" ~ contract ~ ". "
                    ~ bdi.empty_raw_file_hint(columns[table]) -%}
            {%- endif -%}
            {%- do files[table].update({'encoding': encoding, 'problem': problem}) -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(files) }}
{% endmacro %}
