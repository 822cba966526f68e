{#- One row per published region, level and edition (source published.fct_index): the fct_index rows as make publish froze them. -#}
with

source as (
    select * from {{ source('published', 'fct_index') }}
),

final as (
    select * from source
)

select * from final
