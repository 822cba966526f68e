{#-
    The 95% confidence band of the mean response of each topic regression fit (docs/analyses.md
    §5), at 50 evenly spaced x from the fit's smallest to its largest x.
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
        cast(fit as varchar) as fit,
        cast(point_index as integer) as point_index,
        cast(x as double) as x,
        cast(fitted as double) as fitted,
        cast(ci_low as double) as ci_low,
        cast(ci_high as double) as ci_high
    from int_topic_fits_computed
    where output = 'band'
)

select * from final
