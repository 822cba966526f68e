{#-
    tier_members (docs/analyses.md §6), both levels: the number of regions in each tier (梯队)
    of fct_index, group `tier:<t>`, with the members in rank order. Only tiers that have
    members in the edition are rows (regions outside the tiers have none).
-#}

with

int_report_ranks_named as (
    select * from {{ ref('int_report_ranks_named') }}
),

members_named as (
    select
        edition,
        region_level,
        region_code,
        score_rank as total_rank,
        tier,
        region_name,
        region_name_en
    from int_report_ranks_named
    where node_code = 'total'
        and tier is not null
),

tiers_listed as (
    select
        edition,
        region_level,
        tier,
        count(*) as member_count,
        {{ dbt.listagg('region_name', "'、'", 'order by total_rank, region_code') }} as names_zh,
        {{ dbt.listagg('region_name_en', "', '", 'order by total_rank, region_code') }} as names_en
    from members_named
    group by edition, region_level, tier
),

final as (
    select
        {{ report_fact_columns(
            fact_code="'tier_members'",
            group_code="'tier:' || cast(tier as varchar)",
            sort_key='tier',
            value='member_count',
            detail='names_zh',
            label_kind="'tier'",
            label_code='cast(tier as varchar)',
            names_zh='names_zh',
            names_en='names_en',
        ) }}
    from tiers_listed
)

select * from final
