{#-
    The gate between validation and the indicators: int_editions_derived, which every indicator
    model reads, depends on it. When raw rows are invalid and the analyst has not allowed them,
    the build stops here with the count per table and rule; the rows themselves are listed in
    int_invalid_rows_unioned (and `make build` exports them). With invalid rows allowed, this
    table keeps their count per table and rule.
-#}
{%- if execute -%}
    {%- set summary = run_query(
        "select source_table, rule, count(distinct source_row) as row_count from "
        ~ ref('int_invalid_rows_unioned') ~ " group by all order by 1, 2"
    ) -%}
    {%- if summary.rows | length > 0 and not bdi.invalid_rows_allowed() -%}
        {%- set tables = summary.columns[0].values() | unique | list -%}
        {%- set files = bdi.find_raw_files(bdi.raw_dir(), tables) -%}
        {%- set lines = [] -%}
        {%- for row in summary.rows -%}
            {%- do lines.append('  ' ~ row['source_table'] ~ ' (' ~ files[row['source_table']].path
                ~ '): ' ~ row['row_count'] ~ ' row(s) break rule '
                ~ row['rule'] ~ ' (' ~ bdi.invalid_row_rules()[row['rule']] ~ ')') -%}
        {%- endfor -%}
        {%- if env_var('BDI_BUILD_PATH', '') -%}
            {#- make build: the unfinished file is removed; bdi.build exports the rows first. -#}
            {%- set where_to_look = "exported by make build to "
                ~ env_var('BDI_REPORT_DIR', 'build') ~ "/invalid_rows.csv" -%}
        {%- else -%}
            {%- set where_to_look = "in the table invalid_rows of " ~ target.path
                ~ ":\n  select * from invalid_rows order by source_table, source_row;" -%}
        {%- endif -%}
        {{ exceptions.raise_compiler_error(
            "Invalid raw rows — the build stops here.\n" ~ lines | join('\n')
            ~ "\nEvery invalid row, with its table, row number, key, rule and raw value, is "
            ~ where_to_look
            ~ "\nFix the raw files, or build without these rows: BDI_ALLOW_INVALID_ROWS=1 make build "
            ~ "(dbt: --vars '{allow_invalid_rows: true}')."
        ) }}
    {%- endif -%}
{%- endif -%}

with

int_invalid_rows_unioned as (
    select * from {{ ref('int_invalid_rows_unioned') }}
),

final as (
    select
        source_table,
        rule,
        count(distinct source_row) as invalid_row_count
    from int_invalid_rows_unioned
    group by source_table, rule
)

select * from final
