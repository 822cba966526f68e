{#-
    top_rank_streak (docs/analyses.md §6), both levels: for each region ranked 1-5 by total
    score in edition E (group = its region code), the number of consecutive editions, ending
    with E, in which it was ranked <= 5; for a region ranked 1 also group `first:<code>`, the
    consecutive editions at rank 1. Editions are counted among the editions in the warehouse,
    so the first edition's streaks are 1 (the statement says that the count starts there).
-#}
{%- set top_n = 5 %}

with

int_report_ranks_named as (
    select * from {{ ref('int_report_ranks_named') }}
),

total_ranks as (
    select
        edition,
        region_level,
        region_code,
        score_rank as total_rank,
        region_name,
        region_name_en
    from int_report_ranks_named
    where node_code = 'total'
),

editions_numbered as (
    select
        edition,
        region_level,
        dense_rank() over (partition by region_level order by edition) as edition_number
    from (select distinct edition, region_level from total_ranks) as editions
),

{#- One row per region, edition and kind of streak it is on: top5 (rank <= 5), rank1. #}
ranks_flagged as (
    select
        total_ranks.*,
        kinds.streak_kind,
        editions_numbered.edition_number
    from total_ranks
    inner join editions_numbered
        on total_ranks.edition = editions_numbered.edition
        and total_ranks.region_level = editions_numbered.region_level
    inner join (
        select 'top5' as streak_kind, {{ top_n }} as max_rank
        union all
        select 'rank1', 1
    ) as kinds
        on total_ranks.total_rank <= kinds.max_rank
),

{#- Gaps and islands: consecutive edition numbers share edition_number - row number. #}
islands_marked as (
    select
        *,
        edition_number - row_number() over (
            partition by region_level, region_code, streak_kind order by edition
        ) as island
    from ranks_flagged
),

streaks_counted as (
    select
        *,
        row_number() over (
            partition by region_level, region_code, streak_kind, island order by edition
        ) as streak,
        min(edition) over (
            partition by region_level, region_code, streak_kind, island
        ) as streak_since
    from islands_marked
),

final as (
    select
        {{ report_fact_columns(
            fact_code="'top_rank_streak'",
            group_code="case streak_kind when 'rank1' then 'first:' else '' end || region_code",
            sort_key="2 * total_rank + case streak_kind when 'rank1' then 0 else 1 end",
            value='streak',
            detail='region_name',
            template_variant="streak_kind || case when edition_number = 1 then '_first_edition' when streak = 1 then '_entered' else '' end",
            node_code="'total'",
            region_zh='region_name',
            region_en='region_name_en',
            region_rank='total_rank',
            since='streak_since',
        ) }}
    from streaks_counted
)

select * from final
