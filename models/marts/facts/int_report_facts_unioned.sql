{#-
    Every report fact (docs/analyses.md §6) in one relation, with previous_value (the same fact,
    level and group in edition E - 1, unless the fact model gave its own, as top_node_rank
    does) and the direction of the change that picks the statement's change phrase.
-#}

with

int_report_facts_tops_counted as (
    select * from {{ ref('int_report_facts_tops_counted') }}
),

int_report_facts_streaks_counted as (
    select * from {{ ref('int_report_facts_streaks_counted') }}
),

int_report_facts_tiers_listed as (
    select * from {{ ref('int_report_facts_tiers_listed') }}
),

int_report_facts_rank_changes_ranked as (
    select * from {{ ref('int_report_facts_rank_changes_ranked') }}
),

int_report_facts_indicators_counted as (
    select * from {{ ref('int_report_facts_indicators_counted') }}
),

int_report_facts_circles_ranked as (
    select * from {{ ref('int_report_facts_circles_ranked') }}
),

facts_stacked as (
    select * from int_report_facts_tops_counted
    union all
    select * from int_report_facts_streaks_counted
    union all
    select * from int_report_facts_tiers_listed
    union all
    select * from int_report_facts_rank_changes_ranked
    union all
    select * from int_report_facts_indicators_counted
    union all
    select * from int_report_facts_circles_ranked
),

previous_values_joined as (
    select
        facts_stacked.*,
        coalesce(facts_stacked.previous_value_given, previous_facts.value) as previous_value
    from facts_stacked
    left join facts_stacked as previous_facts
        on facts_stacked.edition = previous_facts.edition + 1
        and facts_stacked.fact_code = previous_facts.fact_code
        and facts_stacked.region_level = previous_facts.region_level
        and facts_stacked.group_code = previous_facts.group_code
),

final as (
    select
        *,
        case
            when value is null or previous_value is null then 'no_previous'
            when value > previous_value then 'up'
            when value < previous_value then 'down'
            else 'same'
        end as change_direction
    from previous_values_joined
)

select * from final
