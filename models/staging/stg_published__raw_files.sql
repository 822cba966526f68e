{#- One row per raw table per published edition (source published.build_raw_files): the raw files of the build the edition was published from. -#}
with

source as (
    select * from {{ source('published', 'build_raw_files') }}
),

final as (
    select * from source
)

select * from final
