{#-
    Every raw topic value with every contract rule checked (docs/data-contract.md, table
    topic_values): the staging model's row rules, plus
      - orphan_topic / invalid_topic: its topic must exist in topics and be valid;
      - unknown_region: its code must resolve (int_region_codes_resolved);
      - no_region_level: a value belongs to a province (a province code) or to a city (a city or
        district/county code of the city); a code in a municipality gives both, a county-level
        unit administered by its province (xx90xx) neither;
      - duplicate_key: (topic, region level, region, year) must be unique after resolution, so
        two district codes of one city in one year are both invalid.
    province_level_code / city_level_code: the region the value belongs to at each level.
-#}
with

stg_raw__topic_values as (
    select * from {{ ref('stg_raw__topic_values') }}
),

int_topics_validated as (
    select * from {{ ref('int_topics_validated') }}
),

int_region_codes_resolved as (
    select * from {{ ref('int_region_codes_resolved') }}
),

topics_by_code as (
    select
        topic_code,
        bool_and(is_valid) as is_valid
    from int_topics_validated
    where topic_code is not null
    group by topic_code
),

regions_resolved as (
    {{ bdi.join_resolved_region('stg_raw__topic_values', 'region_code', 'int_region_codes_resolved') }}
),

levels_assigned as (
    select
        regions_resolved.*,
        case
            when region_code = province_code or city_code = province_code then province_code
        end as province_level_code,
        city_code as city_level_code,
        topics_by_code.topic_code is not null as has_topic,
        topics_by_code.is_valid as is_topic_valid
    from regions_resolved
    left join topics_by_code
        on regions_resolved.topic_code = topics_by_code.topic_code
),

keys_counted as (
    select
        *,
        case
            when province_level_code is not null and topic_code is not null and data_year is not null
                then count(*) over (partition by topic_code, data_year, province_level_code)
        end as province_key_count,
        case
            when city_level_code is not null and topic_code is not null and data_year is not null
                then count(*) over (partition by topic_code, data_year, city_level_code)
        end as city_key_count
    from levels_assigned
),

validated as (
    select
        *,
        {{ bdi.collect_problems([
            ("topic_code is not null and not has_topic", 'orphan_topic', 'topic_code', 'topic_code'),
            ("is_topic_valid is false", 'invalid_topic', 'topic_code', 'topic_code'),
            ("len(added_problems) = 0 and province_code is not null"
                ~ " and province_level_code is null and city_level_code is null",
                'no_region_level', 'region_code', 'region_code'),
            ("province_key_count > 1 or city_key_count > 1", 'duplicate_key', 'region_code', 'region_code'),
        ]) }} as topic_problems
    from keys_counted
),

final as (
    select
        source_row,
        topic_code,
        region_code,
        data_year,
        value,
        province_code,
        city_code,
        province_level_code,
        city_level_code,
        is_valid and len(added_problems) = 0 and len(topic_problems) = 0 as is_valid,
        list_concat(list_concat(problems, added_problems), topic_problems) as problems
    from validated
)

select * from final
