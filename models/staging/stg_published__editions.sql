{#- One row per published edition (source published.editions, from its manifest.json): when it was published, from which commit, and the settings of the build it was taken from. -#}
with

source as (
    select * from {{ source('published', 'editions') }}
),

final as (
    select * from source
)

select * from final
