{#-
    Where raw data come from. Only the staging models call `raw_table`.

    * var `raw_dir` empty (default): the bundled synthetic sample, loaded as the seeds raw_<table>.
    * var `raw_dir` set (env BDI_RAW_DIR): the file <raw_dir>/<table>.csv or <raw_dir>/<table>.parquet,
      read as text so that staging parses and validates every value the same way.

    A missing table, two files for one table, or a missing column stops the build with a message that
    names the file and the column.
-#}

{% macro raw_table(table_name) %}
    {%- set raw_dir = var('raw_dir', '') | string | trim -%}
    {%- if raw_dir == '' -%}
        {{ ref('raw_' ~ table_name) }}
    {%- else -%}
        {{ bdi.raw_file_relation(raw_dir, table_name) }}
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


{% macro raw_file_reader(path) %}
    {%- if path.endswith('.parquet') -%}
        read_parquet('{{ path }}')
    {%- else -%}
        read_csv('{{ path }}', header = true, all_varchar = true, auto_detect = true)
    {%- endif -%}
{% endmacro %}


{% macro raw_file_relation(raw_dir, table_name) %}
    {%- set raw_dir = raw_dir.rstrip('/') -%}
    {%- set default_path = raw_dir ~ '/' ~ table_name ~ '.csv' -%}
    {%- if not execute -%}
        {{ return(bdi.raw_file_reader(default_path)) }}
    {%- endif -%}

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
    {%- set path = found[0] -%}

    {%- set present = run_query("describe select * from " ~ bdi.raw_file_reader(path)).columns[0].values()
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
    {{ return(bdi.raw_file_reader(path)) }}
{% endmacro %}
