{#- The economic circles' scores, ranks and rank changes (docs/methodology.md §8). -#}

with

circle_scores_ranked as (
    select * from {{ ref('int_circle_scores_ranked') }}
),

final as (
    select
        cast(edition as integer) as edition,
        cast(circle_code as varchar) as circle_code,
        cast(node_code as varchar) as node_code,
        cast(circle_name as varchar) as circle_name,
        cast(member_count as integer) as member_count,
        cast(score as double) as score,
        cast(score_rank as integer) as score_rank,
        cast(rank_change as integer) as rank_change,
        cast(score_sum as double) as score_sum,
        cast(score_mean as double) as score_mean,
        cast(circle_method as varchar) as circle_method
    from circle_scores_ranked
)

select * from final
