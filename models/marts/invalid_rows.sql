{#- One row per raw row and broken contract rule (int_invalid_rows_unioned). Empty when every raw row is valid. -#}
with

int_invalid_rows_unioned as (
    select * from {{ ref('int_invalid_rows_unioned') }}
),

final as (
    select
        cast(source_table as varchar) as source_table,
        cast(source_row as bigint) as source_row,
        cast(row_key as varchar) as row_key,
        cast(rule as varchar) as rule,
        cast(column_name as varchar) as column_name,
        cast(raw_value as varchar) as raw_value,
        cast(reason as varchar) as reason
    from int_invalid_rows_unioned
)

select * from final
