with

indicator_weights_computed as (
    select * from {{ ref('int_indicator_weights_computed') }}
),

subdimension_weights_computed as (
    select * from {{ ref('int_subdimension_weights_computed') }}
),

dimension_weights_computed as (
    select * from {{ ref('int_dimension_weights_computed') }}
),

weights_unioned as (
    select edition, region_level, node_code, parent_code, weight, is_informative
    from indicator_weights_computed
    union all
    select edition, region_level, node_code, parent_code, weight, is_informative
    from subdimension_weights_computed
    union all
    select edition, region_level, node_code, parent_code, weight, is_informative
    from dimension_weights_computed
),

final as (
    select
        cast(edition as integer) as edition,
        cast(region_level as varchar) as region_level,
        cast(node_code as varchar) as node_code,
        cast(parent_code as varchar) as parent_code,
        cast(weight as double) as weight,
        cast('{{ var("weighting_method") }}' as varchar) as weighting_method,
        cast(is_informative as boolean) as is_informative
    from weights_unioned
)

select * from final
