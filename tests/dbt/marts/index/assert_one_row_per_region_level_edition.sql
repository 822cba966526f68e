-- Completeness: for every edition of fct_indicator_values, fct_index has one row per region of
-- dim_regions at both levels, fct_node_scores one row per region and node of levels 0–2, and
-- fct_weights one row per node of levels 1–3 and level. Returns every missing or extra row.

with

indicator_values as (
    select * from {{ ref('fct_indicator_values') }}
),

regions as (
    select * from {{ ref('dim_regions') }}
),

indicator_tree as (
    select * from {{ ref('dim_indicator_tree') }}
),

index_values as (
    select * from {{ ref('fct_index') }}
),

node_scores as (
    select * from {{ ref('fct_node_scores') }}
),

weights as (
    select * from {{ ref('fct_weights') }}
),

editions as (
    select distinct edition from indicator_values
),

region_grid as (
    select editions.edition, regions.region_level, regions.region_code
    from editions
    cross join regions
),

index_missing_or_extra as (
    select 'fct_index' as table_name, coalesce(region_grid.edition, index_values.edition) as edition,
        coalesce(region_grid.region_level, index_values.region_level) as region_level,
        coalesce(region_grid.region_code, index_values.region_code) as unit_code
    from region_grid
    full outer join index_values
        on region_grid.edition = index_values.edition
        and region_grid.region_level = index_values.region_level
        and region_grid.region_code = index_values.region_code
    where region_grid.region_code is null or index_values.region_code is null
),

node_grid as (
    select region_grid.edition, region_grid.region_level, region_grid.region_code, indicator_tree.node_code
    from region_grid
    cross join indicator_tree
    where indicator_tree.node_level <= 2
),

node_scores_missing_or_extra as (
    select 'fct_node_scores' as table_name, coalesce(node_grid.edition, node_scores.edition) as edition,
        coalesce(node_grid.region_level, node_scores.region_level) as region_level,
        coalesce(node_grid.region_code, node_scores.region_code)
            || '/' || coalesce(node_grid.node_code, node_scores.node_code) as unit_code
    from node_grid
    full outer join node_scores
        on node_grid.edition = node_scores.edition
        and node_grid.region_level = node_scores.region_level
        and node_grid.region_code = node_scores.region_code
        and node_grid.node_code = node_scores.node_code
    where node_grid.node_code is null or node_scores.node_code is null
),

weight_grid as (
    select distinct region_grid.edition, region_grid.region_level, indicator_tree.node_code, indicator_tree.parent_code
    from region_grid
    cross join indicator_tree
    where indicator_tree.node_level >= 1
),

weights_missing_or_extra as (
    select 'fct_weights' as table_name, coalesce(weight_grid.edition, weights.edition) as edition,
        coalesce(weight_grid.region_level, weights.region_level) as region_level,
        coalesce(weight_grid.node_code, weights.node_code) as unit_code
    from weight_grid
    full outer join weights
        on weight_grid.edition = weights.edition
        and weight_grid.region_level = weights.region_level
        and weight_grid.node_code = weights.node_code
        and weight_grid.parent_code = weights.parent_code
    where weight_grid.node_code is null or weights.node_code is null
)

select * from index_missing_or_extra
union all
select * from node_scores_missing_or_extra
union all
select * from weights_missing_or_extra
