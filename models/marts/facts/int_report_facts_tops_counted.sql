{#-
    Report facts on who is at the top (docs/analyses.md §6), from the public tables:
    - top20_by_macro_region: cities of each macro-region in a node's top 20 (total and the three
      dimensions; every macro-region, zeros included);
    - top15_by_macro_region: provinces of each macro-region in the total top 15;
    - top20_retained: cities in the total top 20 of E that were in it in E - 1, with the entries
      and exits (value null when the warehouse has no edition E - 1).
    "Top n" is rank <= n: regions tied at rank n are all in it.
-#}
with

int_report_ranks_named as (
    select * from {{ ref('int_report_ranks_named') }}
),

dim_regions as (
    select * from {{ ref('dim_regions') }}
),

editions as (
    select distinct edition from int_report_ranks_named
),

nodes as (
    select distinct node_code from int_report_ranks_named
),

tops_selected as (
    select *
    from int_report_ranks_named
    where {{ bdi.report_fact_top('score_rank') }}
        and (region_level = 'city' or node_code = 'total')
),

{#- Every (edition, level, node, macro-region) a statement is about, so that zeros are rows. #}
groups_expected as (
    select
        editions.edition,
        levels.region_level,
        levels.fact_code,
        nodes.node_code,
        macro_regions.macro_region
    from editions
    cross join (
        select 'city' as region_level, 'top20_by_macro_region' as fact_code
        union all
        select 'province', 'top15_by_macro_region'
    ) as levels
    cross join nodes
    cross join (select distinct macro_region from dim_regions) as macro_regions
    where levels.region_level = 'city' or nodes.node_code = 'total'
),

tops_by_macro_region as (
    select
        edition,
        region_level,
        node_code,
        macro_region,
        count(*) as region_count,
        {{ dbt.listagg('region_name', "'、'", 'order by score_rank, region_code') }} as names_zh
    from tops_selected
    group by edition, region_level, node_code, macro_region
),

macro_region_facts as (
    select
        {{ report_fact_columns(
            edition='groups_expected.edition',
            fact_code='groups_expected.fact_code',
            region_level='groups_expected.region_level',
            group_code="groups_expected.node_code || ':' || groups_expected.macro_region",
            value='coalesce(tops_by_macro_region.region_count, 0)',
            detail="coalesce(tops_by_macro_region.names_zh, '')",
            node_code='groups_expected.node_code',
            label_kind="'macro_region'",
            label_code='groups_expected.macro_region',
        ) }}
    from groups_expected
    left join tops_by_macro_region
        on groups_expected.edition = tops_by_macro_region.edition
        and groups_expected.region_level = tops_by_macro_region.region_level
        and groups_expected.node_code = tops_by_macro_region.node_code
        and groups_expected.macro_region = tops_by_macro_region.macro_region
),

top_cities as (
    select edition, region_code, region_name, region_name_en, score_rank
    from tops_selected
    where region_level = 'city' and node_code = 'total'
),

cities_compared as (
    select
        coalesce(current_top.edition, previous_top.edition + 1) as edition,
        current_top.region_code is not null as is_in_top,
        previous_top.region_code is not null as was_in_top,
        coalesce(current_top.region_name, previous_top.region_name) as region_name,
        coalesce(current_top.region_name_en, previous_top.region_name_en) as region_name_en,
        current_top.score_rank as current_rank,
        previous_top.score_rank as previous_rank,
        coalesce(current_top.region_code, previous_top.region_code) as region_code
    from top_cities as current_top
    full outer join top_cities as previous_top
        on current_top.edition = previous_top.edition + 1
        and current_top.region_code = previous_top.region_code
),

retained_counted as (
    select
        edition,
        sum(case when is_in_top and was_in_top then 1 else 0 end) as retained_count,
        sum(case when is_in_top <> was_in_top then 1 else 0 end) as change_count,
        {{ dbt.listagg(
            "case when is_in_top and not was_in_top then region_name end",
            "'、'", 'order by current_rank, region_code') }} as entries_zh,
        {{ dbt.listagg(
            "case when is_in_top and not was_in_top then region_name_en end",
            "', '", 'order by current_rank, region_code') }} as entries_en,
        {{ dbt.listagg(
            "case when was_in_top and not is_in_top then region_name end",
            "'、'", 'order by previous_rank, region_code') }} as exits_zh,
        {{ dbt.listagg(
            "case when was_in_top and not is_in_top then region_name_en end",
            "', '", 'order by previous_rank, region_code') }} as exits_en
    from cities_compared
    group by edition
),

retained_by_edition as (
    select
        editions.edition,
        previous_editions.edition is not null as has_previous_edition,
        retained_counted.retained_count,
        retained_counted.entries_zh,
        retained_counted.entries_en,
        retained_counted.exits_zh,
        retained_counted.exits_en,
        case
            when previous_editions.edition is null then 'no_previous'
            when coalesce(retained_counted.change_count, 0) = 0 then 'unchanged'
            else 'changed'
        end as template_variant
    from editions
    left join editions as previous_editions
        on editions.edition = previous_editions.edition + 1
    left join retained_counted
        on editions.edition = retained_counted.edition
),

retained_facts as (
    select
        {{ report_fact_columns(
            fact_code="'top20_retained'",
            region_level="'city'",
            group_code="'total'",
            value='case when has_previous_edition then coalesce(retained_count, 0) end',
            detail="case when has_previous_edition then 'entries: ' || coalesce(entries_zh, 'none')"
                ~ " || '; exits: ' || coalesce(exits_zh, 'none') end",
            template_variant='template_variant',
            node_code="'total'",
            names_zh="coalesce(entries_zh, '—')",
            names_en="coalesce(entries_en, '—')",
            exits_zh="coalesce(exits_zh, '—')",
            exits_en="coalesce(exits_en, '—')",
        ) }}
    from retained_by_edition
),

final as (
    select * from macro_region_facts
    union all
    select * from retained_facts
)

select * from final
