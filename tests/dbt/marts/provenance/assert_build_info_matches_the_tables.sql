{#-
    build_info is one row whose summary agrees with the tables it summarises: the editions of
    fct_indicator_values, the raw rows of build_raw_files and the invalid raw rows listed in
    invalid_rows. Fails with the disagreeing figures (or with a row per extra build_info row).
-#}
with

build_info as (
    select * from {{ ref('build_info') }}
),

build_raw_files as (
    select * from {{ ref('build_raw_files') }}
),

invalid_rows as (
    select * from {{ ref('invalid_rows') }}
),

fct_indicator_values as (
    select * from {{ ref('fct_indicator_values') }}
),

editions_counted as (
    select
        min(edition) as first_edition,
        max(edition) as last_edition,
        count(distinct edition) as edition_count
    from fct_indicator_values
),

raw_rows_counted as (
    select sum(row_count) as raw_row_count
    from build_raw_files
),

invalid_rows_counted as (
    select count(*) as invalid_row_count
    from (select distinct source_table, source_row from invalid_rows) as invalid_raw_rows
),

expected as (
    select
        editions_counted.first_edition,
        editions_counted.last_edition,
        editions_counted.edition_count,
        raw_rows_counted.raw_row_count,
        invalid_rows_counted.invalid_row_count
    from editions_counted
    cross join raw_rows_counted
    cross join invalid_rows_counted
),

final as (
    select
        build_info.first_edition,
        build_info.last_edition,
        build_info.edition_count,
        build_info.raw_row_count,
        build_info.invalid_row_count,
        expected.first_edition as expected_first_edition,
        expected.last_edition as expected_last_edition,
        expected.edition_count as expected_edition_count,
        expected.raw_row_count as expected_raw_row_count,
        expected.invalid_row_count as expected_invalid_row_count,
        count(*) over () as build_info_rows
    from build_info
    full outer join expected
        on true
)

select * from final
where build_info_rows <> 1
    or first_edition is distinct from expected_first_edition
    or last_edition is distinct from expected_last_edition
    or edition_count is distinct from expected_edition_count
    or raw_row_count is distinct from expected_raw_row_count
    or invalid_row_count is distinct from expected_invalid_row_count
