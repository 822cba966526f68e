with

ref_indicator_tree as (
    select * from {{ ref('ref_indicator_tree') }}
),

final as (
    select
        cast(node_code as varchar) as node_code,
        cast(node_level as integer) as node_level,
        cast(parent_code as varchar) as parent_code,
        cast(name_zh as varchar) as name_zh,
        cast(name_en as varchar) as name_en,
        cast(direction as varchar) as direction,
        cast(unit as varchar) as unit,
        cast(sort_order as integer) as sort_order
    from ref_indicator_tree
)

select * from final
