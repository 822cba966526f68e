{#-
    fct_node_scores pivoted to one row per region (levels 0 and 1), with its name and tier, and
    the total rank change against the published previous edition (docs/analyses.md §7).
-#}

with

node_scores_ranked as (
    select * from {{ ref('int_node_scores_ranked') }}
),

region_tiers_assigned as (
    select * from {{ ref('int_region_tiers_assigned') }}
),

regions as (
    select * from {{ ref('dim_regions') }}
),

fct_published_index as (
    select * from {{ ref('fct_published_index') }}
),

scores_pivoted as (
    select
        edition,
        region_level,
        region_code,
        {%- for node_code in ['total', 'industry_level', 'industry_innovation', 'industry_environment'] %}
        max(case when node_code = '{{ node_code }}' then score end) as {{ node_code }}_score,
        max(case when node_code = '{{ node_code }}' then score_rank end) as {{ node_code }}_rank,
        {%- endfor %}
        max(case when node_code = 'total' then rank_change end) as total_rank_change,
        {%- for node_code in ['industry_level', 'industry_innovation', 'industry_environment'] %}
        max(case when node_code = '{{ node_code }}' then rank_change end)
            as {{ node_code }}_rank_change{{ ',' if not loop.last }}
        {%- endfor %}
    from node_scores_ranked
    where node_level <= 1
    group by edition, region_level, region_code
),

final as (
    select
        cast(scores_pivoted.edition as integer) as edition,
        cast(scores_pivoted.region_level as varchar) as region_level,
        cast(scores_pivoted.region_code as varchar) as region_code,
        cast(regions.region_name as varchar) as region_name,
        cast(scores_pivoted.total_score as double) as total_score,
        cast(scores_pivoted.industry_level_score as double) as industry_level_score,
        cast(scores_pivoted.industry_innovation_score as double) as industry_innovation_score,
        cast(scores_pivoted.industry_environment_score as double) as industry_environment_score,
        cast(scores_pivoted.total_rank as integer) as total_rank,
        cast(scores_pivoted.industry_level_rank as integer) as industry_level_rank,
        cast(scores_pivoted.industry_innovation_rank as integer) as industry_innovation_rank,
        cast(scores_pivoted.industry_environment_rank as integer) as industry_environment_rank,
        cast(scores_pivoted.total_rank_change as integer) as total_rank_change,
        cast(region_tiers_assigned.tier as integer) as tier,
        cast(scores_pivoted.industry_level_rank_change as integer) as industry_level_rank_change,
        cast(scores_pivoted.industry_innovation_rank_change as integer)
            as industry_innovation_rank_change,
        cast(scores_pivoted.industry_environment_rank_change as integer)
            as industry_environment_rank_change,
        cast(published_previous.total_rank - scores_pivoted.total_rank as integer)
            as total_rank_change_vs_published
    from scores_pivoted
    left join regions
        on scores_pivoted.region_level = regions.region_level
        and scores_pivoted.region_code = regions.region_code
    left join region_tiers_assigned
        on scores_pivoted.edition = region_tiers_assigned.edition
        and scores_pivoted.region_level = region_tiers_assigned.region_level
        and scores_pivoted.region_code = region_tiers_assigned.region_code
    left join fct_published_index as published_previous
        on scores_pivoted.edition - 1 = published_previous.edition
        and scores_pivoted.region_level = published_previous.region_level
        and scores_pivoted.region_code = published_previous.region_code
)

select * from final
