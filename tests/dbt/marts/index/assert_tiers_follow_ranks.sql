-- Tiers (docs/methodology.md §7) in fct_index, per (edition, region_level). rank_cutoffs: the
-- tier is exactly the one the region's total rank falls in among its level's cutoffs.
-- jenks: tier 1 holds rank 1, tiers never decrease as the rank worsens, they are numbered
-- 1, 2, … without gaps, at most tier_count, and a region has a tier exactly when its rank is
-- within tier_top_n. Returns every region or group that breaks this.

{%- set tier_method = bdi.tier_method() -%}
{%- set cutoffs = bdi.tier_rank_cutoffs() -%}
{%- set top_n = var('tier_top_n') | int -%}
{%- set tier_count = var('tier_count') | int %}

with

index_values as (
    select * from {{ ref('fct_index') }}
),

{%- if tier_method == 'rank_cutoffs' %}

tiers_expected as (
    select
        edition,
        region_level,
        region_code,
        tier,
        case region_level
            {%- for level, level_cutoffs in cutoffs.items() %}
            when '{{ level }}' then
                case
                    {%- for cutoff in level_cutoffs %}
                    when total_rank <= {{ cutoff }} then {{ loop.index }}
                    {%- endfor %}
                end
            {%- endfor %}
        end as expected_tier
    from index_values
),

problems as (
    select
        edition,
        region_level,
        region_code,
        'tier ' || coalesce(cast(tier as varchar), 'null') || ', expected '
            || coalesce(cast(expected_tier as varchar), 'null') as problem
    from tiers_expected
    where tier is distinct from expected_tier
)

{%- else %}

tier_membership_wrong as (
    select
        edition,
        region_level,
        region_code,
        'tier must be set exactly when total_rank <= {{ top_n }}' as problem
    from index_values
    where (tier is null) = (total_rank <= {{ top_n }})
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
        count(distinct tier) as distinct_tiers
    from index_values
    where tier is not null
    group by edition, region_level
),

tier_numbering_wrong as (
    select
        edition,
        region_level,
        cast(null as varchar) as region_code,
        'tiers must be numbered 1 … n (at most {{ tier_count }}) without gaps' as problem
    from tiers_summarized
    where min_tier <> 1
        or max_tier <> distinct_tiers
        or max_tier > {{ tier_count }}
),

problems as (
    select * from tier_membership_wrong
    union all
    select * from tier_order_wrong
    union all
    select * from tier_numbering_wrong
)

{%- endif %}

select * from problems
