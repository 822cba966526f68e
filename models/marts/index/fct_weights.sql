{#-
    The weight of every node of levels 1–3 within its parent, and its share of the total index
    (docs/methodology.md §4), per (edition, region_level).
-#}

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

-- A node's share of the total index: its weight times its parent's and grandparent's.
weights_in_total as (
    select
        weights_unioned.*,
        weights_unioned.weight
            * coalesce(parents.weight, 1)
            * coalesce(grandparents.weight, 1) as weight_in_total
    from weights_unioned
    left join weights_unioned as parents
        on weights_unioned.edition = parents.edition
        and weights_unioned.region_level = parents.region_level
        and weights_unioned.parent_code = parents.node_code
    left join weights_unioned as grandparents
        on parents.edition = grandparents.edition
        and parents.region_level = grandparents.region_level
        and parents.parent_code = grandparents.node_code
),

final as (
    select
        cast(edition as integer) as edition,
        cast(region_level as varchar) as region_level,
        cast(node_code as varchar) as node_code,
        cast(parent_code as varchar) as parent_code,
        cast(weight as double) as weight,
        cast('{{ bdi.weighting_method() }}' as varchar) as weighting_method,
        cast(is_informative as boolean) as is_informative,
        cast(weight_in_total as double) as weight_in_total
    from weights_in_total
)

select * from final
