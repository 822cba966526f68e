{#-
    circle_leader (docs/analyses.md §6): the economic circle ranked first in fct_circle_scores
    (by the build's circle method) on the total and each dimension, group `<node>`, value its
    score; ties all named. The statement also names the previous edition's leader.
-#}

with

fct_circle_scores as (
    select * from {{ ref('fct_circle_scores') }}
),

dim_circle_members as (
    select * from {{ ref('dim_circle_members') }}
),

dim_indicator_tree as (
    select * from {{ ref('dim_indicator_tree') }}
),

circle_names as (
    select distinct circle_code, circle_name, circle_name_en
    from dim_circle_members
),

leaders_listed as (
    select
        fct_circle_scores.edition,
        fct_circle_scores.node_code,
        max(fct_circle_scores.score) as score,
        {{ dbt.listagg('circle_names.circle_name', "'、'", 'order by circle_names.circle_code') }}
            as names_zh,
        {{ dbt.listagg('circle_names.circle_name_en', "', '", 'order by circle_names.circle_code') }}
            as names_en
    from fct_circle_scores
    inner join circle_names
        on fct_circle_scores.circle_code = circle_names.circle_code
    inner join dim_indicator_tree
        on fct_circle_scores.node_code = dim_indicator_tree.node_code
    where fct_circle_scores.score_rank = 1
        and dim_indicator_tree.node_level <= 1
    group by fct_circle_scores.edition, fct_circle_scores.node_code
),

leaders_compared as (
    select
        current_leaders.*,
        previous_leaders.names_zh as previous_names_zh,
        previous_leaders.names_en as previous_names_en,
        case
            when previous_leaders.names_zh is null then 'no_previous'
            when previous_leaders.names_zh = current_leaders.names_zh then 'same'
            else 'changed'
        end as template_variant
    from leaders_listed as current_leaders
    left join leaders_listed as previous_leaders
        on current_leaders.edition = previous_leaders.edition + 1
        and current_leaders.node_code = previous_leaders.node_code
),

final as (
    select
        {{ report_fact_columns(
            fact_code="'circle_leader'",
            region_level="'city'",
            group_code='node_code',
            value='score',
            value_decimals='1',
            detail='names_zh',
            template_variant='template_variant',
            node_code='node_code',
            names_zh='names_zh',
            names_en='names_en',
            previous_names_zh='previous_names_zh',
            previous_names_en='previous_names_en',
        ) }}
    from leaders_compared
)

select * from final
