{#-
    The headline of the rank-uncertainty analysis (docs/analyses.md §2.2) per (edition,
    region_level): of the regions with a nominal total rank in the top 20, how many have a 90%
    rank interval (rank_q95 − rank_q05) of at most 5 ranks.
-#}

{%- set top_rank = 20 -%}
{%- set narrow_width = 5 %}

with

fct_rank_uncertainty as (
    select * from {{ ref('fct_rank_uncertainty') }}
),

top_regions_counted as (
    select
        edition,
        region_level,
        count(*) as top20_count,
        sum(case when rank_q95 - rank_q05 <= {{ narrow_width }} then 1 else 0 end)
            as top20_narrow_count,
        max(draws) as draws,
        max(seed) as seed
    from fct_rank_uncertainty
    where nominal_rank <= {{ top_rank }}
    group by edition, region_level
),

final as (
    select
        cast(edition as integer) as edition,
        cast(region_level as varchar) as region_level,
        cast(top20_count as integer) as top20_count,
        cast(top20_narrow_count as integer) as top20_narrow_count,
        cast(top20_narrow_count as double) / top20_count as top20_narrow_share,
        cast(draws as integer) as draws,
        cast(seed as bigint) as seed
    from top_regions_counted
)

select * from final
