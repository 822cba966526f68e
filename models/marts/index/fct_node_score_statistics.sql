{#-
    Summary statistics of the regions' scores per (edition, region_level, node_code) for the
    nodes of levels 0–2: over every region of the level (group_type `all`, group_code `all`) and
    per tier of the total index (group_type `tier`, group_code `1`, `2`, … or `untiered`), so
    that the viewer compares a region with its tier and the country without computing anything.
-#}

with

node_scores_ranked as (
    select * from {{ ref('int_node_scores_ranked') }}
),

region_tiers_assigned as (
    select * from {{ ref('int_region_tiers_assigned') }}
),

scores_grouped as (
    select
        node_scores_ranked.edition,
        node_scores_ranked.region_level,
        node_scores_ranked.node_code,
        'all' as group_type,
        'all' as group_code,
        node_scores_ranked.score
    from node_scores_ranked
    union all
    select
        node_scores_ranked.edition,
        node_scores_ranked.region_level,
        node_scores_ranked.node_code,
        'tier' as group_type,
        coalesce(cast(region_tiers_assigned.tier as varchar), 'untiered') as group_code,
        node_scores_ranked.score
    from node_scores_ranked
    inner join region_tiers_assigned
        on node_scores_ranked.edition = region_tiers_assigned.edition
        and node_scores_ranked.region_level = region_tiers_assigned.region_level
        and node_scores_ranked.region_code = region_tiers_assigned.region_code
),

scores_summarized as (
    select
        edition,
        region_level,
        node_code,
        group_type,
        group_code,
        count(*) as region_count,
        avg(score) as mean_score,
        percentile_cont(0.5) within group (order by score) as median_score,
        min(score) as min_score,
        max(score) as max_score
    from scores_grouped
    group by edition, region_level, node_code, group_type, group_code
),

final as (
    select
        cast(edition as integer) as edition,
        cast(region_level as varchar) as region_level,
        cast(node_code as varchar) as node_code,
        cast(group_type as varchar) as group_type,
        cast(group_code as varchar) as group_code,
        cast(region_count as integer) as region_count,
        cast(mean_score as double) as mean_score,
        cast(median_score as double) as median_score,
        cast(min_score as double) as min_score,
        cast(max_score as double) as max_score
    from scores_summarized
)

select * from final
