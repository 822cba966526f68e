{#-
    The gate between validation and the indicators: every indicator model depends on it.
    When raw rows are invalid and the analyst has not allowed them, the build stops here with
    the count per table and rule; the rows themselves stay queryable in `invalid_rows`.
    With invalid rows allowed, this table keeps their count per table and rule.
-#}
{%- if execute -%}
    {%- set summary = run_query(
        "select source_table, rule, count(distinct source_row) as row_count from "
        ~ ref('invalid_rows') ~ " group by all order by 1, 2"
    ) -%}
    {%- if summary.rows | length > 0 and not bdi.invalid_rows_allowed() -%}
        {%- set lines = [] -%}
        {%- for row in summary.rows -%}
            {%- do lines.append('  ' ~ row['source_table'] ~ ' (' ~ bdi.raw_table_location(row['source_table'])
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

invalid_rows as (
    select * from {{ ref('invalid_rows') }}
),

final as (
    select
        source_table,
        rule,
        count(distinct source_row) as invalid_row_count
    from invalid_rows
    group by source_table, rule
)

select * from final
