{#-
    The total score of every region under each of the five weighting methods (docs/analyses.md
    §2.1), computed as the index would be with that method: each method's weights level by level
    bottom-up, each level's weights from the scores the level below gives (docs/methodology.md
    §4–5), by the engine's own definitions of a level's weights and of aggregation
    (macros/engine/weighting/child_weights.sql, parent_scores.sql). Regions × indicators only:
    its cost does not grow with the number of enterprises.
-#}
{%- set methods = ['improved_vector', 'entropy', 'critic', 'equal', 'expert'] -%}

with

indicator_values_normalized as (
    select * from {{ ref('int_indicator_values_normalized') }}
),

indicator_tree as (
    select * from {{ ref('ref_indicator_tree') }}
),

expert_weights as (
    select * from {{ ref('ref_expert_weights') }}
),

indicators_valued as (
    select
        indicator_values_normalized.edition,
        indicator_values_normalized.region_level,
        indicator_tree.parent_code,
        indicator_values_normalized.indicator_code as child_code,
        indicator_values_normalized.region_code,
        indicator_values_normalized.normalized_value as child_value
    from indicator_values_normalized
    inner join indicator_tree
        on indicator_values_normalized.indicator_code = indicator_tree.node_code
),
{% for method in methods %}
{%- set upper_levels = [
    (method ~ '_subdimension', method ~ '_indicator'),
    (method ~ '_dimension', method ~ '_subdimension'),
] %}
-- {{ method }}: indicator weights, then each level's weights from the scores below
{{ method }}_indicator_weights as (
    {{ bdi.child_weights('indicators_valued', method, 'expert_weights') }}
),

{{ method }}_subdimension_scores as (
    {{ bdi.parent_scores('indicators_valued', method ~ '_indicator_weights') }}
),
{% for level, below in upper_levels %}
{{ level }}s_valued as (
    select
        scores.edition,
        scores.region_level,
        indicator_tree.parent_code,
        scores.node_code as child_code,
        scores.region_code,
        scores.unit_score as child_value
    from {{ level }}_scores as scores
    inner join indicator_tree
        on scores.node_code = indicator_tree.node_code
),

{{ level }}_weights as (
    {{ bdi.child_weights(level ~ 's_valued', method, 'expert_weights') }}
),

{{ loop.last and method ~ '_total' or method ~ '_dimension' }}_scores as (
    {{ bdi.parent_scores(level ~ 's_valued', level ~ '_weights') }}
),
{% endfor %}
{%- endfor %}

scenarios_unioned as (
    {%- for method in methods %}
    select
        '{{ method }}' as weighting_method,
        edition,
        region_level,
        region_code,
        score as total_score
    from {{ method }}_total_scores
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
),

final as (
    select
        edition,
        region_level,
        region_code,
        weighting_method,
        total_score
    from scenarios_unioned
)

select * from final
