{#- Editions computed: E = Y + 1 for every data year Y present in the valid enterprise_annual rows. -#}
-- depends_on: {{ ref('int_invalid_rows_checked') }}
with

enterprise_annual as (
    select * from {{ ref('stg_raw__enterprise_annual') }}
),

final as (
    select distinct
        data_year + 1 as edition,
        data_year,
        make_date(data_year, 12, 31) as as_of_date
    from enterprise_annual
    where is_valid
)

select * from final
