with

ref_circle_members as (
    select * from {{ ref('ref_circle_members') }}
),

final as (
    select
        cast(circle_code as varchar) as circle_code,
        cast(region_code as varchar) as region_code,
        cast(circle_name as varchar) as circle_name,
        cast(circle_name_en as varchar) as circle_name_en
    from ref_circle_members
)

select * from final
