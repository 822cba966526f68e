{#-
    The published index (docs/analyses.md §7): every fct_index row of every published edition,
    exactly as `make publish` froze it, with when it was published and from which commit. A
    build never recomputes these rows; they change only when an edition is published again.
-#}

with

stg_published__index_rows as (
    select * from {{ ref('stg_published__index_rows') }}
),

stg_published__editions as (
    select * from {{ ref('stg_published__editions') }}
),

final as (
    select
        cast(index_rows.edition as integer) as edition,
        cast(index_rows.region_level as varchar) as region_level,
        cast(index_rows.region_code as varchar) as region_code,
        cast(editions.published_at as timestamp with time zone) as published_at,
        cast(editions.published_commit as varchar) as published_commit,
        cast(index_rows.region_name as varchar) as region_name,
        cast(index_rows.total_score as double) as total_score,
        cast(index_rows.industry_level_score as double) as industry_level_score,
        cast(index_rows.industry_innovation_score as double) as industry_innovation_score,
        cast(index_rows.industry_environment_score as double) as industry_environment_score,
        cast(index_rows.total_rank as integer) as total_rank,
        cast(index_rows.industry_level_rank as integer) as industry_level_rank,
        cast(index_rows.industry_innovation_rank as integer) as industry_innovation_rank,
        cast(index_rows.industry_environment_rank as integer) as industry_environment_rank,
        cast(index_rows.total_rank_change as integer) as total_rank_change,
        cast(index_rows.tier as integer) as tier
    from stg_published__index_rows as index_rows
    inner join stg_published__editions as editions
        on index_rows.edition = editions.edition
)

select * from final
