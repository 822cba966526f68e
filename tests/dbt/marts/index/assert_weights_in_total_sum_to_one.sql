-- Per (edition, region_level, tree level) the shares of the total index sum to 1.
with

weights as (
    select * from {{ ref('fct_weights') }}
),

indicator_tree as (
    select * from {{ ref('dim_indicator_tree') }}
),

sums as (
    select
        weights.edition,
        weights.region_level,
        indicator_tree.node_level,
        sum(weights.weight_in_total) as total_share
    from weights
    inner join indicator_tree
        on weights.node_code = indicator_tree.node_code
    group by 1, 2, 3
)

select * from sums
where abs(total_share - 1) > 1e-9
