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
        {{ dbt.listagg('circle_names.circle_name', "'、'", 'order by fct_circle_scores.circle_code') }}
            as names_zh,
        {{ dbt.listagg('circle_names.circle_name_en', "', '", 'order by fct_circle_scores.circle_code') }}
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

final as (
    select
        {{ report_fact_columns(
            edition='current_leaders.edition',
            fact_code="'circle_leader'",
            region_level="'city'",
            group_code='current_leaders.node_code',
            value='current_leaders.score',
            value_decimals='1',
            detail='current_leaders.names_zh',
            template_variant="case when previous_leaders.names_zh is null then 'first' when previous_leaders.names_zh = current_leaders.names_zh then 'same' else 'changed' end",
            node_code='current_leaders.node_code',
            names_zh='current_leaders.names_zh',
            names_en='current_leaders.names_en',
            previous_names_zh='previous_leaders.names_zh',
            previous_names_en='previous_leaders.names_en',
        ) }}
    from leaders_listed as current_leaders
    left join leaders_listed as previous_leaders
        on current_leaders.edition = previous_leaders.edition + 1
        and current_leaders.node_code = previous_leaders.node_code
)

select * from final
