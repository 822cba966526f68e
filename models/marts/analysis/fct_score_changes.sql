{#-
    Why a score moved (docs/analyses.md §1): each indicator's contribution to a region's score
    change from edition E − 1 to E, split into a value effect (the region's normalised value
    moved, at last edition's weight) and a weight effect (the weight moved, at this edition's
    value); sub-dimensions, dimensions and the total are the sums over their indicators, so the
    total's contribution is the total score's change exactly.
-#}

with

weights as (
    select * from {{ ref('fct_weights') }}
),

indicator_values as (
    select * from {{ ref('fct_indicator_values') }}
),

indicator_tree as (
    select * from {{ ref('ref_indicator_tree') }}
),

-- W_j x_rj per (edition, level, region, indicator)
indicators_weighted as (
    select
        indicator_values.edition,
        indicator_values.region_level,
        indicator_values.region_code,
        indicator_values.indicator_code,
        indicator_values.normalized_value,
        weights.weight_in_total
    from indicator_values
    inner join weights
        on indicator_values.edition = weights.edition
        and indicator_values.region_level = weights.region_level
        and indicator_values.indicator_code = weights.node_code
),

indicators_changed as (
    select
        current_edition.edition,
        current_edition.region_level,
        current_edition.region_code,
        current_edition.indicator_code as node_code,
        previous_edition.edition as previous_edition,
        100 * (
            current_edition.weight_in_total * current_edition.normalized_value
            - previous_edition.weight_in_total * previous_edition.normalized_value
        ) as contribution,
        100 * previous_edition.weight_in_total
            * (current_edition.normalized_value - previous_edition.normalized_value)
            as value_effect,
        100 * (current_edition.weight_in_total - previous_edition.weight_in_total)
            * current_edition.normalized_value as weight_effect
    from indicators_weighted as current_edition
    inner join indicators_weighted as previous_edition
        on previous_edition.edition = current_edition.edition - 1
        and previous_edition.region_level = current_edition.region_level
        and previous_edition.region_code = current_edition.region_code
        and previous_edition.indicator_code = current_edition.indicator_code
),

-- every indicator under each of its ancestors (itself, sub-dimension, dimension, total)
indicator_ancestors as (
    select
        indicators.node_code as indicator_code,
        ancestors.node_code as ancestor_code
    from indicator_tree as indicators
    inner join indicator_tree as subdimensions
        on indicators.parent_code = subdimensions.node_code
    inner join indicator_tree as dimensions
        on subdimensions.parent_code = dimensions.node_code
    inner join indicator_tree as ancestors
        on ancestors.node_code in (
            indicators.node_code,
            subdimensions.node_code,
            dimensions.node_code,
            dimensions.parent_code
        )
    where indicators.node_level = 3
),

nodes_summed as (
    select
        indicators_changed.edition,
        indicators_changed.region_level,
        indicators_changed.region_code,
        indicator_ancestors.ancestor_code as node_code,
        indicators_changed.previous_edition,
        sum(indicators_changed.contribution) as contribution,
        sum(indicators_changed.value_effect) as value_effect,
        sum(indicators_changed.weight_effect) as weight_effect
    from indicators_changed
    inner join indicator_ancestors
        on indicators_changed.node_code = indicator_ancestors.indicator_code
    group by
        indicators_changed.edition,
        indicators_changed.region_level,
        indicators_changed.region_code,
        indicator_ancestors.ancestor_code,
        indicators_changed.previous_edition
),

final as (
    select
        cast(nodes_summed.edition as integer) as edition,
        cast(nodes_summed.region_level as varchar) as region_level,
        cast(nodes_summed.region_code as varchar) as region_code,
        cast(nodes_summed.node_code as varchar) as node_code,
        cast(indicator_tree.node_level as integer) as node_level,
        cast(nodes_summed.previous_edition as integer) as previous_edition,
        cast(nodes_summed.contribution as double) as contribution,
        cast(nodes_summed.value_effect as double) as value_effect,
        cast(nodes_summed.weight_effect as double) as weight_effect
    from nodes_summed
    inner join indicator_tree
        on nodes_summed.node_code = indicator_tree.node_code
)

select * from final
