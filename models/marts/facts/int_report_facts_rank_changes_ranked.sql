{#-
    Report facts on rank movements (docs/analyses.md §6), both levels:
    - largest_rank_rise / largest_rank_fall (group `total`): the largest total_rank_change up,
      and the largest down as a positive number of places, naming every region that has it
      (ties all named, in rank order). 0 when no region rose (fell); null when the warehouse has
      no edition E - 1. Where edition E - 1 was published, the change is measured against the
      published list (fct_index.total_rank_change_vs_published), the report's reading.
    - top_node_rank (group `<node>:<region_code>`): the rank of each region in the top 20
      cities / top 15 provinces of the total and each dimension, with previous_value its rank
      in E - 1 wherever it stood then (the report's "from 13th to 9th"): for the total, its
      published rank where E - 1 was published.
-#}
with

int_report_ranks_named as (
    select * from {{ ref('int_report_ranks_named') }}
),

changes_named as (
    select
        edition,
        region_level,
        region_code,
        score_rank as total_rank,
        coalesce(rank_change_vs_published, rank_change) as total_rank_change,
        region_name,
        region_name_en
    from int_report_ranks_named
    where node_code = 'total'
),

{#- One row per direction: the change measured so that larger is "more" of it. #}
changes_directed as (
    select
        changes_named.*,
        directions.fact_code,
        directions.sign * changes_named.total_rank_change as places
    from changes_named
    cross join (
        select 'largest_rank_rise' as fact_code, 1 as sign
        union all
        select 'largest_rank_fall', -1
    ) as directions
),

extremes_found as (
    select
        edition,
        region_level,
        fact_code,
        max(places) as max_places
    from changes_directed
    group by edition, region_level, fact_code
),

extreme_regions_listed as (
    select
        changes_directed.edition,
        changes_directed.region_level,
        changes_directed.fact_code,
        count(*) as region_count,
        {{ dbt.listagg('region_name', "'、'", 'order by total_rank, region_code') }} as names_zh,
        {{ dbt.listagg('region_name_en', "', '", 'order by total_rank, region_code') }} as names_en
    from changes_directed
    inner join extremes_found
        on changes_directed.edition = extremes_found.edition
        and changes_directed.region_level = extremes_found.region_level
        and changes_directed.fact_code = extremes_found.fact_code
        and changes_directed.places = extremes_found.max_places
    where extremes_found.max_places > 0
    group by changes_directed.edition, changes_directed.region_level, changes_directed.fact_code
),

extremes_stated as (
    select
        extremes_found.edition,
        extremes_found.region_level,
        extremes_found.fact_code,
        case
            when extremes_found.max_places is not null then greatest(extremes_found.max_places, 0)
        end as places,
        case
            when extremes_found.max_places is null then 'no_previous'
            when extreme_regions_listed.region_count is null then 'none'
            when extreme_regions_listed.region_count = 1 then 'one'
            else 'several'
        end as template_variant,
        extreme_regions_listed.names_zh,
        extreme_regions_listed.names_en
    from extremes_found
    left join extreme_regions_listed
        on extremes_found.edition = extreme_regions_listed.edition
        and extremes_found.region_level = extreme_regions_listed.region_level
        and extremes_found.fact_code = extreme_regions_listed.fact_code
),

extreme_facts as (
    select
        {{ report_fact_columns(
            fact_code='fact_code',
            group_code="'total'",
            value='places',
            detail='names_zh',
            template_variant='template_variant',
            node_code="'total'",
            names_zh='names_zh',
            names_en='names_en',
        ) }}
    from extremes_stated
),

top_node_facts as (
    select
        {{ report_fact_columns(
            edition='current_ranks.edition',
            fact_code="'top_node_rank'",
            region_level='current_ranks.region_level',
            group_code="current_ranks.node_code || ':' || current_ranks.region_code",
            sort_key='current_ranks.score_rank',
            value='current_ranks.score_rank',
            detail='current_ranks.region_name',
            previous_value='coalesce(current_ranks.score_rank'
                ~ ' + current_ranks.rank_change_vs_published, previous_ranks.score_rank)',
            node_code='current_ranks.node_code',
            region_zh='current_ranks.region_name',
            region_en='current_ranks.region_name_en',
        ) }}
    from int_report_ranks_named as current_ranks
    left join int_report_ranks_named as previous_ranks
        on current_ranks.edition = previous_ranks.edition + 1
        and current_ranks.region_level = previous_ranks.region_level
        and current_ranks.region_code = previous_ranks.region_code
        and current_ranks.node_code = previous_ranks.node_code
    where {{ bdi.report_fact_top('current_ranks.score_rank', 'current_ranks.region_level') }}
),

final as (
    select * from extreme_facts
    union all
    select * from top_node_facts
)

select * from final
