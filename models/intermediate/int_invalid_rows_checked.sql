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
            {%- do lines.append('  ' ~ row['source_table'] ~ ': ' ~ row['row_count'] ~ ' row(s) break rule '
                ~ row['rule'] ~ ' (' ~ bdi.invalid_row_rules()[row['rule']] ~ ')') -%}
        {%- endfor -%}
        {{ exceptions.raise_compiler_error(
            "Invalid raw rows — the build stops here.\n" ~ lines | join('\n')
            ~ "\nEvery invalid row, with its table, row number, key, rule and raw value, is in the table "
            ~ ref('invalid_rows') ~ " of " ~ target.path ~ ":\n"
            ~ "  select * from invalid_rows order by source_table, source_row;\n"
            ~ "Fix the raw files, or build without these rows: BDI_ALLOW_INVALID_ROWS=1 make build "
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
