{#-
    Every region's score, rank and rank change for the nodes of levels 0–2
    (docs/methodology.md §5–6).
-#}

with

node_scores_ranked as (
    select * from {{ ref('int_node_scores_ranked') }}
),

final as (
    select
        cast(edition as integer) as edition,
        cast(region_level as varchar) as region_level,
        cast(region_code as varchar) as region_code,
        cast(node_code as varchar) as node_code,
        cast(score as double) as score,
        cast(score_rank as integer) as score_rank,
        cast(rank_change as integer) as rank_change
    from node_scores_ranked
)

select * from final
