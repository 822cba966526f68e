-- weighting_method `expert` needs a weight >= 0 in seed ref_expert_weights for every node of
-- levels 1–3 of the tree, and no weight for an unknown node. Returns every offending node.

with

indicator_tree as (
    select * from {{ ref('ref_indicator_tree') }}
),

expert_weights as (
    select * from {{ ref('ref_expert_weights') }}
),

final as (
    select
        coalesce(indicator_tree.node_code, expert_weights.node_code) as node_code,
        expert_weights.expert_weight,
        case
            when expert_weights.node_code is null then 'node without expert weight'
            when indicator_tree.node_code is null then 'expert weight for a node not in the tree'
            when expert_weights.expert_weight is null or expert_weights.expert_weight < 0
                then 'expert weight must be a number >= 0'
        end as problem
    from indicator_tree
    full outer join expert_weights
        on indicator_tree.node_code = expert_weights.node_code
    where coalesce(indicator_tree.node_level, 1) >= 1
)

select * from final
where problem is not null
