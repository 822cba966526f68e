{#-
    One row per raw table: the file it was read from (the analyst's file under var raw_dir, or the
    bundled synthetic sample in data/sample), its size and SHA-256, and how many of its rows were
    read, valid and invalid. The checksum is computed by DuckDB from the bytes of the file at
    build time. The optional topic tables have a row when the build has them.
-#}
{%- set table_names = [
    'enterprises', 'enterprise_annual', 'financing_events', 'policies', 'universities', 'institutions',
    'topics', 'topic_values',
] -%}
{%- set files = {} -%}
{%- if execute -%}
    {%- set files = bdi.find_raw_files(bdi.raw_dir(), table_names) -%}
    {%- set absent = bdi.absent_optional_raw_tables(files, bdi.raw_source_tables()) -%}
    {%- set table_names = table_names | reject('in', absent) | list -%}
{%- endif -%}

with

int_enterprises_validated as (
    select * from {{ ref('int_enterprises_validated') }}
),

int_enterprise_annual_validated as (
    select * from {{ ref('int_enterprise_annual_validated') }}
),

int_financing_events_validated as (
    select * from {{ ref('int_financing_events_validated') }}
),

int_policies_validated as (
    select * from {{ ref('int_policies_validated') }}
),

int_universities_validated as (
    select * from {{ ref('int_universities_validated') }}
),

int_institutions_validated as (
    select * from {{ ref('int_institutions_validated') }}
),

int_topics_validated as (
    select * from {{ ref('int_topics_validated') }}
),

int_topic_values_validated as (
    select * from {{ ref('int_topic_values_validated') }}
),

raw_files as (
    {%- for table_name in table_names %}
    {%- set path = files[table_name].path if execute else bdi.raw_dir() ~ '/' ~ table_name ~ '.csv' %}
    select
        '{{ table_name }}' as table_name,
        '{{ 'sample (synthetic)' if bdi.is_sample_raw_dir() else 'raw_dir' }}' as file_source,
        '{{ 'parquet' if path.endswith('.parquet') else 'csv' }}' as file_format,
        filename as file_path,
        size as file_size_bytes,
        sha256(content) as file_sha256,
        last_modified as file_modified_at
    from read_blob('{{ bdi.sql_text(path) }}')
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
),

rows_counted as (
    {%- for table_name in table_names %}
    select
        '{{ table_name }}' as table_name,
        {{ loop.index }} as table_order,
        count(*) as row_count,
        count(*) filter (where is_valid) as valid_row_count,
        count(*) filter (where not is_valid) as invalid_row_count
    from int_{{ table_name }}_validated
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
),

final as (
    select
        rows_counted.table_name,
        raw_files.file_source,
        raw_files.file_format,
        raw_files.file_path,
        cast(raw_files.file_size_bytes as bigint) as file_size_bytes,
        raw_files.file_sha256,
        cast(raw_files.file_modified_at as timestamp with time zone) as file_modified_at,
        cast(rows_counted.row_count as bigint) as row_count,
        cast(rows_counted.valid_row_count as bigint) as valid_row_count,
        cast(rows_counted.invalid_row_count as bigint) as invalid_row_count
    from rows_counted
    inner join raw_files
        on rows_counted.table_name = raw_files.table_name
    order by rows_counted.table_order
)

select * from final
