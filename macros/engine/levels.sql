{#-
    The index is computed level by level (methodology §4–5): the indicators' normalised values
    weight and aggregate into the sub-dimensions, their scores into the dimensions, and theirs
    into the total. Each step is the same pair of models, so each model is one call of the macros
    below with its own children:

      children          the relation of the level below (one row per edition, region_level,
                        region_code and child)
      child_code_column its node code column (indicator_code or node_code)
      value_column      its value on the 0–1 scale (normalized_value or unit_score)
-#}

{#- Weights of `children` within their parents, by var('weighting_method'). -#}
{% macro level_weights(children, child_code_column, value_column) %}
with

children as (
    select * from {{ children }}
),

indicator_tree as (
    select * from {{ ref('ref_indicator_tree') }}
),

expert_weights as (
    select * from {{ ref('ref_expert_weights') }}
),

child_values as (
    select
        children.edition,
        children.region_level,
        indicator_tree.parent_code,
        children.{{ child_code_column }} as child_code,
        children.region_code,
        children.{{ value_column }} as child_value
    from children
    inner join indicator_tree
        on children.{{ child_code_column }} = indicator_tree.node_code
),

weights_computed as (
    {{ bdi.compute_weights('child_values', var('weighting_method'), 'expert_weights') }}
),

final as (
    select
        edition,
        region_level,
        child_code as node_code,
        parent_code,
        child_count,
        informative_child_count,
        is_informative,
        {{ bdi.round_for_unit_tests('raw_weight', var('unit_test_decimals', none)) }} as raw_weight,
        {{ bdi.round_for_unit_tests('weight', var('unit_test_decimals', none)) }} as weight
    from weights_computed
)

select * from final
{% endmacro %}


{#- Scores of the parents of `children`: Σ weight · child value, on the 0–1 and 0–100 scales. -#}
{% macro level_scores(children, child_code_column, value_column, weights) %}
with

children as (
    select * from {{ children }}
),

weights as (
    select * from {{ weights }}
),

child_values as (
    select
        edition,
        region_level,
        region_code,
        {{ child_code_column }} as child_code,
        {{ value_column }} as child_value
    from children
),

child_weights as (
    select
        edition,
        region_level,
        parent_code,
        node_code as child_code,
        weight
    from weights
),

scores_aggregated as (
    {{ bdi.aggregate_child_scores('child_values', 'child_weights') }}
),

final as (
    select
        edition,
        region_level,
        region_code,
        node_code,
        {{ bdi.round_for_unit_tests('unit_score', var('unit_test_decimals', none)) }} as unit_score,
        {{ bdi.round_for_unit_tests('100 * unit_score', var('unit_test_decimals', none)) }} as score
    from scores_aggregated
)

select * from final
{% endmacro %}
