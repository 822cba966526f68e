{#-
    The editions computed: E = Y + 1 for every data year Y of the valid enterprise_annual rows,
    with as_of_date = Y-12-31 (docs/data-contract.md, "Indicator definitions").
    Every indicator model reads this one, and this one runs only after the gate
    int_invalid_rows_checked passed: without allowed invalid rows, no indicator is computed.
-#}
-- depends_on: {{ ref('int_invalid_rows_checked') }}
with

int_enterprise_annual_validated as (
    select * from {{ ref('int_enterprise_annual_validated') }}
),

final as (
    select distinct
        data_year + 1 as edition,
        data_year,
        make_date(data_year, 12, 31) as as_of_date
    from int_enterprise_annual_validated
    where is_valid
)

select * from final
