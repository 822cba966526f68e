{#-
    Rank uncertainty (docs/analyses.md §2.2) per (edition, region_level, region_code), summarised
    from the Monte Carlo's rank distribution (int_rank_uncertainty_simulated: how many draws gave
    each rank). With D draws, the value at position k is the smallest rank whose cumulative
    draw count reaches k:
      * rank_q05, rank_q95: nearest-rank percentiles, positions ⌈0.05·D⌉ and ⌈0.95·D⌉;
      * median_rank: the mean of positions ⌈D/2⌉ and ⌊D/2⌋ + 1 (the middle one when D is odd);
      * mean_abs_rank_shift: mean |rank − nominal rank| over the draws;
      * tier_kept_share: share of draws whose rank lies in the nominal tier's rank range: with
        rank_cutoffs, tier t's range is (cutoff[t−1], cutoff[t]]; with jenks, the nominal ranks
        its members span; null for a region without a tier;
      * top20_share: share of draws with rank ≤ 20.
    The nominal rank and tier are those of fct_index.
-#}

{%- set tier_method = bdi.tier_method() -%}
{%- set cutoffs = bdi.tier_rank_cutoffs() -%}
{%- set top_rank = 20 %}

with

rank_uncertainty_simulated as (
    select * from {{ ref('int_rank_uncertainty_simulated') }}
),

fct_index as (
    select * from {{ ref('fct_index') }}
),

tier_rank_ranges as (
{%- if tier_method == 'rank_cutoffs' %}
    {%- for level, ranks in cutoffs.items() %}
    {%- for cutoff in ranks %}
    select
        '{{ level }}' as region_level,
        {{ loop.index }} as tier,
        {{ 1 if loop.first else ranks[loop.index0 - 1] + 1 }} as lowest_rank,
        {{ cutoff }} as highest_rank
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
{%- else %}
    select
        edition,
        region_level,
        tier,
        min(total_rank) as lowest_rank,
        max(total_rank) as highest_rank
    from fct_index
    where tier is not null
    group by edition, region_level, tier
{%- endif %}
),

regions_nominal as (
    select
        fct_index.edition,
        fct_index.region_level,
        fct_index.region_code,
        fct_index.total_rank as nominal_rank,
        fct_index.tier,
        tier_rank_ranges.lowest_rank,
        tier_rank_ranges.highest_rank
    from fct_index
    left join tier_rank_ranges
        on fct_index.region_level = tier_rank_ranges.region_level
        and fct_index.tier = tier_rank_ranges.tier
        {%- if tier_method == 'jenks' %}
        and fct_index.edition = tier_rank_ranges.edition
        {%- endif %}
),

ranks_accumulated as (
    select
        edition,
        region_level,
        region_code,
        total_rank,
        draw_count,
        draws,
        seed,
        sum(draw_count) over (
            partition by edition, region_level, region_code
            order by total_rank
            rows between unbounded preceding and current row
        ) as draws_up_to_rank
    from rank_uncertainty_simulated
),

ranks_summarised as (
    select
        ranks_accumulated.edition,
        ranks_accumulated.region_level,
        ranks_accumulated.region_code,
        regions_nominal.nominal_rank,
        min(case
            when ranks_accumulated.draws_up_to_rank >= ceil(ranks_accumulated.draws / 2.0)
                then ranks_accumulated.total_rank
        end) as median_low_rank,
        min(case
            when ranks_accumulated.draws_up_to_rank >= floor(ranks_accumulated.draws / 2.0) + 1
                then ranks_accumulated.total_rank
        end) as median_high_rank,
        min(case
            when ranks_accumulated.draws_up_to_rank >= ceil(5.0 * ranks_accumulated.draws / 100)
                then ranks_accumulated.total_rank
        end) as rank_q05,
        min(case
            when ranks_accumulated.draws_up_to_rank >= ceil(95.0 * ranks_accumulated.draws / 100)
                then ranks_accumulated.total_rank
        end) as rank_q95,
        sum(
            abs(ranks_accumulated.total_rank - regions_nominal.nominal_rank)
            * ranks_accumulated.draw_count
        ) as rank_shift_sum,
        case
            when max(regions_nominal.tier) is not null
                then sum(case
                    when ranks_accumulated.total_rank
                        between regions_nominal.lowest_rank and regions_nominal.highest_rank
                        then ranks_accumulated.draw_count
                    else 0
                end)
        end as tier_kept_draws,
        sum(case
            when ranks_accumulated.total_rank <= {{ top_rank }} then ranks_accumulated.draw_count
            else 0
        end) as top_draws,
        max(ranks_accumulated.draws) as draws,
        max(ranks_accumulated.seed) as seed
    from ranks_accumulated
    inner join regions_nominal
        on ranks_accumulated.edition = regions_nominal.edition
        and ranks_accumulated.region_level = regions_nominal.region_level
        and ranks_accumulated.region_code = regions_nominal.region_code
    group by
        ranks_accumulated.edition,
        ranks_accumulated.region_level,
        ranks_accumulated.region_code,
        regions_nominal.nominal_rank
),

final as (
    select
        cast(edition as integer) as edition,
        cast(region_level as varchar) as region_level,
        cast(region_code as varchar) as region_code,
        cast(nominal_rank as integer) as nominal_rank,
        cast((median_low_rank + median_high_rank) / 2.0 as double) as median_rank,
        cast(rank_q05 as integer) as rank_q05,
        cast(rank_q95 as integer) as rank_q95,
        cast(rank_shift_sum as double) / draws as mean_abs_rank_shift,
        cast(tier_kept_draws as double) / draws as tier_kept_share,
        cast(top_draws as double) / draws as top20_share,
        cast(draws as integer) as draws,
        cast(seed as bigint) as seed
    from ranks_summarised
)

select * from final
