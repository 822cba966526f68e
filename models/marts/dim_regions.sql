with

ref_regions as (
    select * from {{ ref('ref_regions') }}
),

final as (
    select
        cast(region_level as varchar) as region_level,
        cast(region_code as varchar) as region_code,
        cast(region_name as varchar) as region_name,
        cast(region_name_en as varchar) as region_name_en,
        cast(province_code as varchar) as province_code,
        cast(province_name as varchar) as province_name,
        cast(macro_region as varchar) as macro_region,
        cast(is_municipality as boolean) as is_municipality,
        cast(longitude as double) as longitude,
        cast(latitude as double) as latitude
    from ref_regions
)

select * from final
