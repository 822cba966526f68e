-- Tiers (methodology §7) in fct_index, per (edition, region_level): tier 1 holds rank 1, tiers
-- never decrease as the rank worsens, tiers are numbered 1, 2, … without gaps, at most
-- tier_count (jenks) or as many as the cutoffs (rank_cutoffs), and a region has a tier exactly
-- when its rank is within tier_top_n (jenks) or the last cutoff (rank_cutoffs).

{%- set tier_method = var('tier_method') -%}
{%- set cutoffs = var('tier_rank_cutoffs') -%}
{%- if cutoffs is string -%}
    {%- set cutoffs = cutoffs.replace('[', '').replace(']', '').split(',') -%}
{%- endif -%}
{%- set cutoffs = cutoffs | map('int') | list -%}
{%- if tier_method == 'jenks' -%}
    {%- set last_tier_rank = var('tier_top_n') | int -%}
    {%- set max_tiers = var('tier_count') | int -%}
{%- else -%}
    {%- set last_tier_rank = cutoffs | last -%}
    {%- set max_tiers = cutoffs | length -%}
{%- endif %}

with

index_values as (
    select * from {{ ref('fct_index') }}
),

tier_membership_wrong as (
    select
        edition,
        region_level,
        region_code,
        'tier must be set exactly when total_rank <= {{ last_tier_rank }}' as problem
    from index_values
    where (tier is null) = (total_rank <= {{ last_tier_rank }})
),

tier_order_wrong as (
    select
        better.edition,
        better.region_level,
        better.region_code,
        'a better-ranked region is in a lower tier than ' || worse.region_code as problem
    from index_values as better
    inner join index_values as worse
        on better.edition = worse.edition
        and better.region_level = worse.region_level
        and better.total_rank < worse.total_rank
    where better.tier > worse.tier
),

tiers_summarized as (
    select
        edition,
        region_level,
        min(tier) as min_tier,
        max(tier) as max_tier,
        count(distinct tier) as tier_count
    from index_values
    where tier is not null
    group by edition, region_level
),

tier_numbering_wrong as (
    select
        edition,
        region_level,
        cast(null as varchar) as region_code,
        'tiers must be numbered 1 … n (at most {{ max_tiers }}) without gaps' as problem
    from tiers_summarized
    where min_tier <> 1
        or max_tier <> tier_count
        or max_tier > {{ max_tiers }}
)

select * from tier_membership_wrong
union all
select * from tier_order_wrong
union all
select * from tier_numbering_wrong
