{#-
    Method scenarios (docs/analyses.md §2.1): every region's total score and competition rank
    under each of the five weighting methods, whichever the build uses; the build's own method
    (is_build_method) equals fct_index.
-#}

with

method_scenarios_computed as (
    select * from {{ ref('int_method_scenarios_computed') }}
),

scenarios_ranked as (
    select
        *,
        {{ bdi.score_rank(['edition', 'region_level', 'weighting_method'], 'total_score') }}
            as total_rank
    from method_scenarios_computed
),

final as (
    select
        cast(edition as integer) as edition,
        cast(region_level as varchar) as region_level,
        cast(region_code as varchar) as region_code,
        cast(weighting_method as varchar) as weighting_method,
        cast(total_score as double) as total_score,
        cast(total_rank as integer) as total_rank,
        cast(weighting_method = '{{ bdi.weighting_method() }}' as boolean) as is_build_method
    from scenarios_ranked
)

select * from final
