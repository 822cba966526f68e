{#-
    build_raw_files has one row per table of source `raw` (models/staging/_raw__sources.yml), and
    its counts agree with the rows themselves: row_count = valid + invalid, and invalid_row_count
    = the raw rows of that table listed in invalid_rows. Fails with each table that disagrees.
    The optional tables (the special topics) have a row exactly when their files are there.
-#}
{%- set absent = [] -%}
{%- if execute -%}
    {%- set tables = bdi.raw_source_tables() -%}
    {%- set files = bdi.find_raw_files(bdi.raw_dir(), tables | map(attribute='name') | list) -%}
    {%- set absent = bdi.absent_optional_raw_tables(files, tables) -%}
{%- endif -%}
{%- set source_tables = [] -%}
{%- for node in graph.sources.values() if node.source_name == 'raw' and node.name not in absent -%}
    {%- do source_tables.append(node.name) -%}
{%- endfor -%}

with

build_raw_files as (
    select * from {{ ref('build_raw_files') }}
),

invalid_rows as (
    select * from {{ ref('invalid_rows') }}
),

source_tables as (
    {%- for table_name in source_tables %}
    select '{{ table_name }}' as table_name
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
),

invalid_rows_counted as (
    select
        source_table as table_name,
        count(distinct source_row) as invalid_row_count
    from invalid_rows
    group by source_table
),

final as (
    select
        coalesce(source_tables.table_name, build_raw_files.table_name) as table_name,
        build_raw_files.row_count,
        build_raw_files.valid_row_count,
        build_raw_files.invalid_row_count,
        coalesce(invalid_rows_counted.invalid_row_count, 0) as invalid_rows_listed
    from source_tables
    full outer join build_raw_files
        on source_tables.table_name = build_raw_files.table_name
    left join invalid_rows_counted
        on coalesce(source_tables.table_name, build_raw_files.table_name) = invalid_rows_counted.table_name
    where source_tables.table_name is null
        or build_raw_files.table_name is null
        or build_raw_files.row_count <> build_raw_files.valid_row_count + build_raw_files.invalid_row_count
        or build_raw_files.invalid_row_count <> coalesce(invalid_rows_counted.invalid_row_count, 0)
)

select * from final
