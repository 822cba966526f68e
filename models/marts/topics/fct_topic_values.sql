{#-
    Every valid topic value at each region level it belongs to, with its topic's names and unit
    (docs/analyses.md §5). Empty when the build has no topics.
-#}
with

int_topic_values_resolved as (
    select * from {{ ref('int_topic_values_resolved') }}
),

int_topics_validated as (
    select * from {{ ref('int_topics_validated') }}
),

final as (
    select
        cast(int_topic_values_resolved.topic_code as varchar) as topic_code,
        cast(int_topic_values_resolved.edition as integer) as edition,
        cast(int_topic_values_resolved.region_level as varchar) as region_level,
        cast(int_topic_values_resolved.region_code as varchar) as region_code,
        cast(int_topic_values_resolved.data_year as integer) as data_year,
        cast(int_topic_values_resolved.value as double) as value,
        cast(int_topics_validated.name_zh as varchar) as topic_name_zh,
        cast(int_topics_validated.name_en as varchar) as topic_name_en,
        cast(int_topics_validated.unit as varchar) as unit
    from int_topic_values_resolved
    inner join int_topics_validated
        on int_topic_values_resolved.topic_code = int_topics_validated.topic_code
        and int_topics_validated.is_valid
)

select * from final
