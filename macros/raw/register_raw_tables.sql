{#-
    on-run-start hook: the raw tables enter the warehouse here. For every table of source `raw`
    (models/staging/_raw__sources.yml) it finds <raw_dir>/<table>.csv or <raw_dir>/<table>.parquet
    (var raw_dir, env BDI_RAW_DIR; default data/sample, the bundled SYNTHETIC sample) and registers
    the view raw.<table> over it: the contract's columns as text, in the sources' order, whatever
    their case or surrounding blanks in the file, plus source_row, the position of the row in the
    file (1 = first data row). Extra columns are ignored. The optional tables (the special
    topics, topics and topic_values) come together or not at all: when all of them are absent,
    their views are empty (same columns, no row) and the build simply has no topics.

    A missing table, two files for one table, an empty file, a file in another encoding than
    UTF-8 (UTF-16 with a byte-order mark is read) or a missing column stops the run before any
    model, with one line per problem naming the file and the column or the encoding (see
    docs/data-contract.md and docs/troubleshooting.md).
-#}
{% macro register_raw_tables() %}
    {%- if not execute -%}
        {{ return('') }}
    {%- endif -%}
    {%- set directory = bdi.raw_dir() -%}
    {%- set tables = bdi.raw_source_tables() -%}
    {%- set columns = {} -%}
    {%- for table in tables -%}
        {%- do columns.update({table.name: table.columns}) -%}
    {%- endfor -%}

    {%- set files = bdi.find_raw_files(directory, columns.keys() | list) -%}
    {%- set absent = bdi.absent_optional_raw_tables(files, tables) -%}
    {%- set files = bdi.check_raw_file_encodings(files, columns) -%}
    {%- set files = bdi.read_raw_file_headers(files) -%}
    {%- set selects = {} -%}
    {%- for table in tables if table.name in files and files[table.name].problem is none -%}
        {%- set file = files[table.name] -%}
        {%- set by_name = {} -%}
        {%- for name in file.columns -%}
            {%- do by_name.setdefault(name | trim | lower, name) -%}
        {%- endfor -%}
        {%- set missing = table.columns | reject('in', by_name) | list -%}
        {%- if missing -%}
            {%- do file.update({'problem': "Raw file " ~ file.path ~ " is missing column(s) "
                ~ missing | join(', ') ~ " (data contract, table " ~ table.name ~ "; columns found: "
                ~ by_name.keys() | join(', ') ~ ")."}) -%}
        {%- else -%}
            {%- do selects.update({table.name: bdi.raw_file_select(file, table.columns, by_name)}) -%}
        {%- endif -%}
    {%- endfor -%}

    {%- set problems = [] -%}
    {%- for table in tables if table.name in files and files[table.name].problem is not none -%}
        {%- do problems.append(files[table.name].problem) -%}
    {%- endfor -%}
    {%- do bdi.raise_file_problems(problems, 'raw') -%}

    {%- set statements = ['create schema if not exists ' ~ adapter.quote('raw')] -%}
    {%- for table in tables -%}
        {%- set select = bdi.empty_raw_table_select(table.columns) if table.name in absent else selects[table.name] -%}
        {%- do statements.append('create or replace view ' ~ table.relation ~ ' as\n' ~ select) -%}
    {%- endfor -%}
    {{ return(statements | join(';\n') ~ ';') }}
{% endmacro %}
