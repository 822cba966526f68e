{#-
    The regions of each topic regression (docs/analyses.md §5): x, y and the `all` fit's
    diagnostics, and whether the region is an outlier.
-#}
with

int_topic_fits_computed as (
    select * from {{ ref('int_topic_fits_computed') }}
),

final as (
    select
        cast(topic_code as varchar) as topic_code,
        cast(edition as integer) as edition,
        cast(region_level as varchar) as region_level,
        cast(region_code as varchar) as region_code,
        cast(x as double) as x,
        cast(y as double) as y,
        cast(fitted as double) as fitted,
        cast(residual as double) as residual,
        cast(studentized_residual as double) as studentized_residual,
        cast(leverage as double) as leverage,
        cast(cooks_distance as double) as cooks_distance,
        cast(is_outlier as boolean) as is_outlier
    from int_topic_fits_computed
    where output = 'point'
)

select * from final
