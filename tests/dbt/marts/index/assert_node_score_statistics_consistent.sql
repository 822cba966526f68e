-- fct_node_score_statistics against fct_node_scores and fct_index, per (edition, region_level,
-- node_code): the `all` group counts every region and has its lowest and highest score; the
-- tier groups partition the regions as fct_index's tiers do (group `untiered` = tier null) and
-- their count-weighted means give the `all` mean; every group has min ≤ median ≤ max and
-- min ≤ mean ≤ max (up to 1e-9). Returns every group that breaks this.

with

node_score_statistics as (
    select * from {{ ref('fct_node_score_statistics') }}
),

node_scores as (
    select * from {{ ref('fct_node_scores') }}
),

index_values as (
    select * from {{ ref('fct_index') }}
),

groups_expected as (
    select
        node_scores.edition,
        node_scores.region_level,
        node_scores.node_code,
        'all' as group_type,
        'all' as group_code,
        count(*) as region_count,
        min(node_scores.score) as min_score,
        max(node_scores.score) as max_score
    from node_scores
    group by node_scores.edition, node_scores.region_level, node_scores.node_code
    union all
    select
        node_scores.edition,
        node_scores.region_level,
        node_scores.node_code,
        'tier' as group_type,
        coalesce(cast(index_values.tier as varchar), 'untiered') as group_code,
        count(*) as region_count,
        min(node_scores.score) as min_score,
        max(node_scores.score) as max_score
    from node_scores
    inner join index_values
        on node_scores.edition = index_values.edition
        and node_scores.region_level = index_values.region_level
        and node_scores.region_code = index_values.region_code
    group by
        node_scores.edition,
        node_scores.region_level,
        node_scores.node_code,
        coalesce(cast(index_values.tier as varchar), 'untiered')
),

groups_compared as (
    select
        coalesce(groups_expected.edition, node_score_statistics.edition) as edition,
        coalesce(groups_expected.region_level, node_score_statistics.region_level) as region_level,
        coalesce(groups_expected.node_code, node_score_statistics.node_code) as node_code,
        coalesce(groups_expected.group_type, node_score_statistics.group_type) as group_type,
        coalesce(groups_expected.group_code, node_score_statistics.group_code) as group_code,
        'counts, minimum or maximum differ from fct_node_scores and fct_index' as problem
    from groups_expected
    full outer join node_score_statistics
        on groups_expected.edition = node_score_statistics.edition
        and groups_expected.region_level = node_score_statistics.region_level
        and groups_expected.node_code = node_score_statistics.node_code
        and groups_expected.group_type = node_score_statistics.group_type
        and groups_expected.group_code = node_score_statistics.group_code
    where groups_expected.region_count is distinct from node_score_statistics.region_count
        or groups_expected.min_score is distinct from node_score_statistics.min_score
        or groups_expected.max_score is distinct from node_score_statistics.max_score
),

tier_means_combined as (
    select
        tier_groups.edition,
        tier_groups.region_level,
        tier_groups.node_code,
        'all' as group_type,
        'all' as group_code,
        'the tier groups'' count-weighted mean differs from the mean of all' as problem
    from node_score_statistics as tier_groups
    inner join node_score_statistics as all_group
        on tier_groups.edition = all_group.edition
        and tier_groups.region_level = all_group.region_level
        and tier_groups.node_code = all_group.node_code
        and all_group.group_type = 'all'
    where tier_groups.group_type = 'tier'
    group by
        tier_groups.edition,
        tier_groups.region_level,
        tier_groups.node_code,
        all_group.mean_score
    having abs(
        sum(tier_groups.region_count * tier_groups.mean_score) / sum(tier_groups.region_count)
        - all_group.mean_score
    ) > 1e-9
),

groups_out_of_order as (
    select
        edition,
        region_level,
        node_code,
        group_type,
        group_code,
        'median or mean outside [min, max]' as problem
    from node_score_statistics
    where median_score < min_score - 1e-9
        or median_score > max_score + 1e-9
        or mean_score < min_score - 1e-9
        or mean_score > max_score + 1e-9
)

select * from groups_compared
union all
select * from tier_means_combined
union all
select * from groups_out_of_order
