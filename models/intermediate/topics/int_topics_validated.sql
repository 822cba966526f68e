{#-
    Every raw special topic with every contract rule checked. All of the table's rules are
    row-local or about the table itself (stg_raw__topics); this model is where the other tables
    (topic values, the invalid-row union, provenance) meet them, as for every raw table.
-#}
with

stg_raw__topics as (
    select * from {{ ref('stg_raw__topics') }}
),

final as (
    select
        source_row,
        topic_code,
        name_zh,
        name_en,
        unit,
        is_valid,
        problems
    from stg_raw__topics
)

select * from final
