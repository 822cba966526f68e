{#- 表2-1: the top provinces by total index, with the rank of each dimension and the tier. -#}

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
        industry_level_rank,
        industry_innovation_rank,
        industry_environment_rank,
        total_rank_change,
        tier
    from index_values
    where region_level = 'province'
        and total_rank <= {{ var('report_top_provinces', 15) | int }}
)

select * from final
