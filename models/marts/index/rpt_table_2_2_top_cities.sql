{#- 表2-2: the top cities by total index, with rank change, dimension ranks, tier and the
    dimensions' rank changes. -#}

with

index_values as (
    select * from {{ ref('fct_index') }}
),

final as (
    select
        edition,
        total_rank,
        region_code,
        region_name,
        total_score,
        total_rank_change,
        industry_level_rank,
        industry_innovation_rank,
        industry_environment_rank,
        tier,
        industry_level_rank_change,
        industry_innovation_rank_change,
        industry_environment_rank_change
    from index_values
    where region_level = 'city'
        and total_rank <= {{ var('report_top_cities', 20) | int }}
)

select * from final
