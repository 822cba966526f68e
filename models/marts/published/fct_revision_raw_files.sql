{#-
    Why published numbers would change: for every published edition and raw table, the raw file
    and row counts of the build it was published from beside this build's (build_raw_files),
    and their differences (this build − published).
-#}

with

stg_published__raw_files as (
    select * from {{ ref('stg_published__raw_files') }}
),

build_raw_files as (
    select * from {{ ref('build_raw_files') }}
),

final as (
    select
        cast(published.edition as integer) as edition,
        cast(published.table_name as varchar) as table_name,
        cast(published.file_sha256 as varchar) as published_file_sha256,
        cast(published.row_count as bigint) as published_row_count,
        cast(published.valid_row_count as bigint) as published_valid_row_count,
        cast(current_files.file_sha256 as varchar) as current_file_sha256,
        cast(current_files.row_count as bigint) as current_row_count,
        cast(current_files.valid_row_count as bigint) as current_valid_row_count,
        cast(current_files.row_count - published.row_count as bigint) as row_count_diff,
        cast(current_files.valid_row_count - published.valid_row_count as bigint)
            as valid_row_count_diff,
        published.file_sha256 is distinct from current_files.file_sha256 as is_file_changed
    from stg_published__raw_files as published
    left join build_raw_files as current_files
        on published.table_name = current_files.table_name
)

select * from final
