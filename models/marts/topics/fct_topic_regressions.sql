{#-
    The topic regressions (docs/analyses.md §5): per topic, edition and level with at least 5
    regions, the fits `all` and `excluding_outliers` of y = total score on x = topic value.
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
        cast(n as integer) as n,
        cast(slope as double) as slope,
        cast(intercept as double) as intercept,
        cast(r_squared as double) as r_squared,
        cast(slope_std_error as double) as slope_std_error,
        cast(slope_t as double) as slope_t,
        cast(slope_p_value as double) as slope_p_value,
        cast(slope_ci_low as double) as slope_ci_low,
        cast(slope_ci_high as double) as slope_ci_high,
        cast(excluded_regions as varchar) as excluded_regions
    from int_topic_fits_computed
    where output = 'regression'
)

select * from final
