{#-
    The analyst's settings of the topic regressions (docs/analyses.md §5), one row, as text: var
    topic_outlier_threshold (env BDI_TOPIC_OUTLIER_THRESHOLD, default 2.5) and var
    topic_excluded_regions (env BDI_TOPIC_EXCLUDED_REGIONS, comma-separated region codes). The
    Python model int_topic_fits_computed reads them here (a Python model cannot call var()) and
    checks them.
-#}
with

final as (
    select
        cast('{{ bdi.sql_text(var("topic_outlier_threshold")) }}' as varchar) as outlier_threshold,
        cast('{{ bdi.sql_text(var("topic_excluded_regions")) }}' as varchar) as excluded_regions
)

select * from final
