{#-
    One row per raw table: the file it was read from (the analyst's file under var raw_dir, or the
    bundled synthetic sample seed), its size and SHA-256, and how many of its rows were read, valid
    and invalid. The checksum is computed by DuckDB from the bytes of the file at build time.
-#}
{%- set table_names = bdi.raw_table_columns().keys() | list -%}
{%- set raw_dir = var('raw_dir', '') | string | trim -%}

with

{% for table_name in table_names %}
stg_raw__{{ table_name }} as (
    select * from {{ ref('stg_raw__' ~ table_name) }}
),

{% endfor %}
raw_files as (
    {%- for table_name in table_names %}
    {%- set path = bdi.raw_source_file(table_name) %}
    select
        '{{ table_name }}' as table_name,
        '{{ 'sample (synthetic)' if raw_dir == '' else 'raw_dir' }}' as file_source,
        '{{ 'parquet' if path.endswith('.parquet') else 'csv' }}' as file_format,
        filename as file_path,
        size as file_size_bytes,
        sha256(content) as file_sha256,
        last_modified as file_modified_at
    from read_blob('{{ path }}')
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
    from stg_raw__{{ table_name }}
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
