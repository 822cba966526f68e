{#-
    top_rank_streak (docs/analyses.md §6), both levels: for each region ranked 1-5 by total
    score in edition E (group = its region code), the number of consecutive editions E, E - 1,
    E - 2, … in which it was ranked <= 5; for a region ranked 1 also group `first:<code>`, the
    consecutive editions at rank 1. A streak cannot reach past an edition the warehouse does
    not hold: where E - 1 is missing (the first edition, or a gap) it is 1 and its statement
    says that the count starts there (variant `…_no_previous`).
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

editions_present as (
    select distinct edition, region_level from total_ranks
),

{#- One row per region, edition and kind of streak it is on: top5 (rank <= 5), rank1. #}
ranks_flagged as (
    select
        total_ranks.*,
        kinds.streak_kind,
        previous_editions.edition is not null as has_previous_edition
    from total_ranks
    inner join (
        select 'top5' as streak_kind, {{ top_n }} as max_rank
        union all
        select 'rank1', 1
    ) as kinds
        on total_ranks.total_rank <= kinds.max_rank
    left join editions_present as previous_editions
        on total_ranks.edition = previous_editions.edition + 1
        and total_ranks.region_level = previous_editions.region_level
),

{#- Gaps and islands: consecutive editions share edition - row number. #}
islands_marked as (
    select
        *,
        edition - row_number() over (
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

streaks_stated as (
    select
        *,
        case streak_kind when 'rank1' then 'first:' else '' end || region_code as group_code,
        streak_kind || case
            when not has_previous_edition then '_no_previous'
            when streak = 1 then '_entered'
            else ''
        end as template_variant
    from streaks_counted
),

final as (
    select
        {{ report_fact_columns(
            fact_code="'top_rank_streak'",
            group_code='group_code',
            sort_key="2 * total_rank + case streak_kind when 'rank1' then 0 else 1 end",
            value='streak',
            detail='region_name',
            template_variant='template_variant',
            node_code="'total'",
            region_zh='region_name',
            region_en='region_name_en',
            region_rank='total_rank',
            since='streak_since',
        ) }}
    from streaks_stated
)

select * from final
