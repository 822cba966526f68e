{#-
    Where raw data come from. Only the staging models call `raw_table`.

    * var `raw_dir` empty (default): the bundled synthetic sample, loaded as the seeds raw_<table>.
    * var `raw_dir` set (env BDI_RAW_DIR): the file <raw_dir>/<table>.csv or <raw_dir>/<table>.parquet,
      read as text so that staging parses and validates every value the same way.

    A missing table, two files for one table, a missing column, an empty file or a file that is not
    UTF-8 (e.g. GBK, as Excel writes "CSV" on Chinese Windows) stops the build with a message that
    names the file and the column or the encoding (raw_file_encoding).
-#}

{#-
    raw_table returns the raw rows with one more column, source_row: the position of the row in
    the raw table (1 = first data row after the header). A Parquet file gives it directly
    (file_row_number), which keeps the scan parallel and streaming; a CSV file or a seed is
    numbered with row_number() over (), in file order. A raw column that happens to be called
    source_row is ignored, like any other extra column.
-#}
{% macro raw_table(table_name) %}
    {%- set raw_dir = var('raw_dir', '') | string | trim -%}
    {%- if raw_dir == '' -%}
        (select *, row_number() over () as source_row from {{ ref('raw_' ~ table_name) }})
    {%- else -%}
        {{ bdi.raw_file_relation(raw_dir, table_name) }}
    {%- endif -%}
{% endmacro %}


{#- `present`: the lower-cased column names of the file. -#}
{% macro numbered_raw_file(path, encoding, present) %}
    {%- set columns = '* exclude (source_row)' if 'source_row' in present else '*' -%}
    {%- if path.endswith('.parquet') and 'file_row_number' not in present -%}
        (select {{ columns }}, file_row_number + 1 as source_row
         from read_parquet('{{ path }}', file_row_number = true))
    {%- else -%}
        (select {{ columns }}, row_number() over () as source_row
         from {{ bdi.raw_file_reader(path, encoding) }})
    {%- endif -%}
{% endmacro %}


{#- Where raw table `table_name` is read from, for messages (execute time only). -#}
{% macro raw_table_location(table_name) %}
    {%- set raw_dir = var('raw_dir', '') | string | trim -%}
    {%- if raw_dir == '' -%}
        {{ return('seeds/sample/raw_' ~ table_name ~ '.csv') }}
    {%- else -%}
        {{ return(bdi.raw_file_path(raw_dir, table_name)) }}
    {%- endif -%}
{% endmacro %}


{% macro raw_table_columns() %}
    {{ return({
        'enterprises': ['enterprise_id', 'enterprise_name', 'region_code', 'established_date', 'deregistered_date'],
        'enterprise_annual': ['enterprise_id', 'data_year', 'is_listed', 'is_unicorn', 'is_gazelle', 'is_high_tech',
                              'has_website', 'market_cap', 'valuation', 'tech_staff', 'patents', 'software_copyrights'],
        'financing_events': ['event_id', 'enterprise_id', 'event_date', 'amount', 'round'],
        'policies': ['policy_id', 'title', 'issuer_region_code', 'issued_date', 'repealed_date', 'policy_type'],
        'universities': ['university_id', 'university_name', 'region_code', 'bigdata_major_since'],
        'institutions': ['institution_id', 'institution_name', 'region_code', 'institution_type',
                         'established_date', 'dissolved_date'],
    }) }}
{% endmacro %}


{% macro raw_file_reader(path, encoding='utf-8') %}
    {%- if path.endswith('.parquet') -%}
        read_parquet('{{ path }}')
    {%- else -%}
        read_csv('{{ path }}', header = true, all_varchar = true, auto_detect = true
            {%- if encoding != 'utf-8' %}, encoding = '{{ encoding }}'{% endif %})
    {%- endif -%}
{% endmacro %}


{#- The one file that holds raw table `table_name` in `raw_dir` (execute time only). -#}
{% macro raw_file_path(raw_dir, table_name) %}
    {%- set raw_dir = raw_dir.rstrip('/') -%}
    {%- set found = run_query(
        "select file from glob('" ~ raw_dir ~ "/" ~ table_name ~ ".csv') "
        ~ "union all select file from glob('" ~ raw_dir ~ "/" ~ table_name ~ ".parquet') order by 1"
    ).columns[0].values() -%}
    {%- if found | length == 0 -%}
        {{ exceptions.raise_compiler_error(
            "Raw table '" ~ table_name ~ "' is missing: expected " ~ raw_dir ~ "/" ~ table_name
            ~ ".csv or " ~ raw_dir ~ "/" ~ table_name ~ ".parquet (data contract, table " ~ table_name ~ ").") }}
    {%- elif found | length > 1 -%}
        {{ exceptions.raise_compiler_error(
            "Raw table '" ~ table_name ~ "' is ambiguous: both " ~ found | join(' and ')
            ~ " exist; keep one of them.") }}
    {%- endif -%}
    {{ return(found[0]) }}
{% endmacro %}


{#-
    Checks the bytes of a raw file before DuckDB parses it, so that an empty file or a file in the
    wrong encoding gets a message that names the file and the encoding instead of a parser error.
    Returns the encoding to read a CSV file with: 'utf-8' (with or without the byte-order mark
    Excel writes for "CSV UTF-8") or 'utf-16' (Excel's "Unicode text", little-endian with BOM).
    GBK/GB18030 (Excel's plain "CSV" on Chinese Windows) cannot be read by DuckDB without an
    extension, so it is refused with the command that converts it.
-#}
{% macro raw_file_encoding(path, table_name) %}
    {%- set header = bdi.raw_table_columns()[table_name] | join(',') -%}
    {%- set contract = " (data contract, table " ~ table_name ~ ")" -%}
    {%- set empty_message = "A raw table needs at least its header row: " ~ header
        ~ " (a file with only the header row is a valid empty table)." -%}
    {%- if path.endswith('.parquet') -%}
        {%- set size = run_query("select size from read_blob('" ~ path ~ "')").columns[0].values()[0] -%}
        {%- if size == 0 -%}
            {{ exceptions.raise_compiler_error(
                "Raw file " ~ path ~ " is empty (0 bytes)" ~ contract ~ ". " ~ empty_message) }}
        {%- endif -%}
        {{ return('parquet') }}
    {%- endif -%}

    {#- One pass over the bytes: size, first two bytes, and the text if it is valid UTF-8. -#}
    {%- set probe = run_query(
        "select size, first_bytes, decoded is not null as is_utf8, "
        ~ "coalesce(contains(decoded, chr(0)), false) as has_nul, "
        ~ "length(trim(replace(decoded, chr(65279), ''), ' ' || chr(9) || chr(10) || chr(13))) as text_length "
        ~ "from (select size, hex(content[1:2]) as first_bytes, try(decode(content)) as decoded "
        ~ "from read_blob('" ~ path ~ "'))"
    ).rows[0] -%}
    {%- if probe['size'] == 0 -%}
        {{ exceptions.raise_compiler_error(
            "Raw file " ~ path ~ " is empty (0 bytes)" ~ contract ~ ". " ~ empty_message) }}
    {%- elif probe['first_bytes'] == 'FFFE' -%}
        {{ return('utf-16') }}
    {%- elif probe['first_bytes'] == 'FEFF' -%}
        {{ exceptions.raise_compiler_error(
            "Raw file " ~ path ~ " is encoded as UTF-16 big-endian, which cannot be read" ~ contract
            ~ ". Save it as UTF-8: in Excel, Save As > 'CSV UTF-8 (Comma delimited)'.") }}
    {%- elif not probe['is_utf8'] -%}
        {#- GBK/GB18030: every byte >= 0x80 is the lead byte (81-FE) of a pair with 40-FE; no NULs. -#}
        {%- set bytes = run_query(
            "select contains(escaped, '\\x00') as has_nul, not regexp_matches(regexp_replace(escaped, "
            ~ "'\\\\x(8[1-9A-F]|9[0-9A-F]|[A-E][0-9A-F]|F[0-9A-E])(\\\\x[4-9A-F][0-9A-F]|[@-~])', '', 'g'), "
            ~ "'\\\\x[89A-F][0-9A-F]') as looks_gbk "
            ~ "from (select content::varchar as escaped from read_blob('" ~ path ~ "'))"
        ).rows[0] -%}
        {%- if bytes['has_nul'] -%}
            {{ exceptions.raise_compiler_error(
                "Raw file " ~ path ~ " contains NUL bytes: it looks like UTF-16 without a byte-order "
                ~ "mark" ~ contract ~ ". Save it as UTF-8: in Excel, Save As > 'CSV UTF-8 (Comma delimited)'.") }}
        {%- elif bytes['looks_gbk'] -%}
            {{ exceptions.raise_compiler_error(
                "Raw file " ~ path ~ " is not UTF-8: it is encoded as GBK (GB18030), the encoding Excel "
                ~ "uses for 'CSV (Comma delimited)' on Chinese Windows" ~ contract ~ ". Raw files must be "
                ~ "UTF-8. In Excel, Save As > 'CSV UTF-8 (Comma delimited)', or convert the file: "
                ~ "iconv -f GB18030 -t UTF-8 " ~ path ~ " > " ~ path ~ ".utf8 && mv " ~ path ~ ".utf8 "
                ~ path) }}
        {%- else -%}
            {{ exceptions.raise_compiler_error(
                "Raw file " ~ path ~ " is not UTF-8 and not GBK (perhaps Latin-1 / Windows-1252)"
                ~ contract ~ ". Raw files must be UTF-8: in Excel, Save As > 'CSV UTF-8 (Comma "
                ~ "delimited)', or convert the file with iconv.") }}
        {%- endif -%}
    {%- elif probe['has_nul'] -%}
        {{ exceptions.raise_compiler_error(
            "Raw file " ~ path ~ " contains NUL bytes: it looks like UTF-16 without a byte-order mark"
            ~ contract ~ ". Save it as UTF-8: in Excel, Save As > 'CSV UTF-8 (Comma delimited)'.") }}
    {%- elif probe['text_length'] == 0 -%}
        {{ exceptions.raise_compiler_error(
            "Raw file " ~ path ~ " has no header row (only blanks)" ~ contract ~ ". " ~ empty_message) }}
    {%- endif -%}
    {{ return('utf-8') }}
{% endmacro %}


{% macro raw_file_relation(raw_dir, table_name) %}
    {%- if not execute -%}
        {{ return(bdi.numbered_raw_file(raw_dir.rstrip('/') ~ '/' ~ table_name ~ '.csv', 'utf-8', [])) }}
    {%- endif -%}
    {%- set path = bdi.raw_file_path(raw_dir, table_name) -%}
    {%- set encoding = bdi.raw_file_encoding(path, table_name) -%}

    {%- set present = run_query("describe select * from " ~ bdi.raw_file_reader(path, encoding)).columns[0].values()
        | map('lower') | map('trim') | list -%}
    {%- set missing = [] -%}
    {%- for column in bdi.raw_table_columns()[table_name] -%}
        {%- if column not in present -%}{%- do missing.append(column) -%}{%- endif -%}
    {%- endfor -%}
    {%- if missing -%}
        {{ exceptions.raise_compiler_error(
            "Raw file " ~ path ~ " is missing column(s) " ~ missing | join(', ')
            ~ " (data contract, table " ~ table_name ~ "; columns found: " ~ present | join(', ') ~ ").") }}
    {%- endif -%}
    {{ return(bdi.numbered_raw_file(path, encoding, present)) }}
{% endmacro %}
