{#-
    Revisions (docs/analyses.md §7): for every published (edition, level, region), the total
    score and rank as published and as this build recomputes them. score_diff = recomputed −
    published; rank_diff = published rank − recomputed rank (positive: the region would rank
    higher today, the sign of total_rank_change). The recomputed side is null where this build
    has no such row (the edition is no longer computed, or the region is gone).
-#}

with

fct_published_index as (
    select * from {{ ref('fct_published_index') }}
),

fct_index as (
    select * from {{ ref('fct_index') }}
),

final as (
    select
        fct_published_index.edition,
        fct_published_index.region_level,
        fct_published_index.region_code,
        fct_published_index.total_score as published_score,
        fct_index.total_score as recomputed_score,
        cast(fct_index.total_score - fct_published_index.total_score as double) as score_diff,
        fct_published_index.total_rank as published_rank,
        fct_index.total_rank as recomputed_rank,
        cast(fct_published_index.total_rank - fct_index.total_rank as integer) as rank_diff
    from fct_published_index
    left join fct_index
        on fct_published_index.edition = fct_index.edition
        and fct_published_index.region_level = fct_index.region_level
        and fct_published_index.region_code = fct_index.region_code
)

select * from final
