{#-
    What the topic regressions fit (docs/analyses.md §5): per topic, edition and level, every
    region with a topic value (x) and a total score (y) in that edition. Regions without a value
    are left out, not counted as 0.
-#}
with

int_topic_values_resolved as (
    select * from {{ ref('int_topic_values_resolved') }}
),

int_node_scores_ranked as (
    select * from {{ ref('int_node_scores_ranked') }}
),

total_scores as (
    select
        edition,
        region_level,
        region_code,
        score
    from int_node_scores_ranked
    where node_code = 'total'
),

final as (
    select
        int_topic_values_resolved.topic_code,
        int_topic_values_resolved.edition,
        int_topic_values_resolved.region_level,
        int_topic_values_resolved.region_code,
        int_topic_values_resolved.value as x,
        total_scores.score as y
    from int_topic_values_resolved
    inner join total_scores
        on int_topic_values_resolved.edition = total_scores.edition
        and int_topic_values_resolved.region_level = total_scores.region_level
        and int_topic_values_resolved.region_code = total_scores.region_code
)

select * from final
