-- The counting facts of fct_report_facts agree with the public tables they count:
-- - top20_by_macro_region / top15_by_macro_region: per (edition, node) the macro-regions add up
--   to the regions ranked <= 20 (cities) / <= 15 (provinces, total) in fct_node_scores (20 and
--   15 when there are no ties at the cut);
-- - tier_members: each tier's count is fct_index's;
-- - every fact whose detail lists names: as many names as the value.
-- Returns every (edition, fact, level, group) that disagrees.

with

fct_report_facts as (
    select * from {{ ref('fct_report_facts') }}
),

fct_node_scores as (
    select * from {{ ref('fct_node_scores') }}
),

fct_index as (
    select * from {{ ref('fct_index') }}
),

top_sums as (
    select
        edition,
        fact_code,
        region_level,
        substr(group_code, 1, position(':' in group_code) - 1) as node_code,
        sum(value) as value
    from fct_report_facts
    where fact_code in ('top20_by_macro_region', 'top15_by_macro_region')
    group by edition, fact_code, region_level, substr(group_code, 1, position(':' in group_code) - 1)
),

top_counts as (
    select
        edition,
        case region_level when 'city' then 'top20_by_macro_region' else 'top15_by_macro_region' end as fact_code,
        region_level,
        node_code,
        count(*) as region_count
    from fct_node_scores
    where (region_level = 'city' and score_rank <= 20 and node_code in (
            'total', 'industry_level', 'industry_innovation', 'industry_environment'))
        or (region_level = 'province' and score_rank <= 15 and node_code = 'total')
    group by edition, region_level, node_code
),

top_problems as (
    select
        coalesce(top_sums.edition, top_counts.edition) as edition,
        coalesce(top_sums.fact_code, top_counts.fact_code) as fact_code,
        coalesce(top_sums.region_level, top_counts.region_level) as region_level,
        coalesce(top_sums.node_code, top_counts.node_code) as group_code,
        top_sums.value as stated,
        top_counts.region_count as counted
    from top_sums
    full outer join top_counts
        on top_sums.edition = top_counts.edition
        and top_sums.fact_code = top_counts.fact_code
        and top_sums.node_code = top_counts.node_code
    where top_sums.value is distinct from top_counts.region_count
),

tier_counts as (
    select edition, region_level, 'tier:' || cast(tier as varchar) as group_code, count(*) as region_count
    from fct_index
    where tier is not null
    group by edition, region_level, tier
),

tier_problems as (
    select
        coalesce(facts.edition, tier_counts.edition) as edition,
        'tier_members' as fact_code,
        coalesce(facts.region_level, tier_counts.region_level) as region_level,
        coalesce(facts.group_code, tier_counts.group_code) as group_code,
        facts.value as stated,
        tier_counts.region_count as counted
    from (select * from fct_report_facts where fact_code = 'tier_members') as facts
    full outer join tier_counts
        on facts.edition = tier_counts.edition
        and facts.region_level = tier_counts.region_level
        and facts.group_code = tier_counts.group_code
    where facts.value is distinct from tier_counts.region_count
),

name_problems as (
    select
        edition,
        fact_code,
        region_level,
        group_code,
        value as stated,
        case when detail = '' then 0 else length(detail) - length(replace(detail, '、', '')) + 1 end
            as counted
    from fct_report_facts
    where fact_code in (
        'top20_by_macro_region', 'top15_by_macro_region', 'tier_members',
        'provinces_by_data_exchange_count'
    )
)

select * from top_problems
union all
select * from tier_problems
union all
select * from name_problems
where stated is distinct from counted
