{#-
    One row per published edition: when and from which commit it was published, and the
    settings of the build it was taken from (from its manifest.json), to set beside this build's
    build_info when a revision needs explaining.
-#}

with

stg_published__editions as (
    select * from {{ ref('stg_published__editions') }}
),

final as (
    select
        cast(edition as integer) as edition,
        cast(published_at as timestamp with time zone) as published_at,
        cast(published_commit as varchar) as published_commit,
        cast(built_at as timestamp with time zone) as built_at,
        cast(git_is_dirty as boolean) as git_is_dirty,
        cast(raw_source as varchar) as raw_source,
        cast(is_sample_data as boolean) as is_sample_data,
        cast(weighting_method as varchar) as weighting_method,
        cast(tier_method as varchar) as tier_method,
        cast(tier_top_n as integer) as tier_top_n,
        cast(tier_count as integer) as tier_count,
        cast(tier_rank_cutoffs as varchar) as tier_rank_cutoffs,
        cast(circle_method as varchar) as circle_method,
        cast(build_date as date) as build_date
    from stg_published__editions
)

select * from final
