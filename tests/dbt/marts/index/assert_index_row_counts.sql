-- Row counts of the index tables per edition (docs/methodology.md §1–2): every edition of
-- fct_indicator_values has, per level (31 provinces, 337 cities), one fct_index row per region,
-- 10 fct_node_scores rows per region (total, 3 dimensions, 6 sub-dimensions), 27 fct_weights
-- rows (3 dimensions, 6 sub-dimensions, 18 indicators) and 10 fct_node_score_statistics rows
-- of group_type `all`. Returns every (edition, level, table) whose count differs.

with

indicator_values as (
    select * from {{ ref('fct_indicator_values') }}
),

index_values as (
    select * from {{ ref('fct_index') }}
),

node_scores as (
    select * from {{ ref('fct_node_scores') }}
),

weights as (
    select * from {{ ref('fct_weights') }}
),

node_score_statistics as (
    select * from {{ ref('fct_node_score_statistics') }}
),

editions as (
    select distinct edition from indicator_values
),

levels as (
    select 'province' as region_level, 31 as region_count
    union all
    select 'city' as region_level, 337 as region_count
),

rows_expected as (
    select editions.edition, levels.region_level, 'fct_index' as table_name,
        levels.region_count as expected_rows
    from editions cross join levels
    union all
    select editions.edition, levels.region_level, 'fct_node_scores' as table_name,
        levels.region_count * 10 as expected_rows
    from editions cross join levels
    union all
    select editions.edition, levels.region_level, 'fct_weights' as table_name,
        27 as expected_rows
    from editions cross join levels
    union all
    select editions.edition, levels.region_level, 'fct_node_score_statistics' as table_name,
        10 as expected_rows
    from editions cross join levels
),

rows_counted as (
    select edition, region_level, 'fct_index' as table_name, count(*) as actual_rows
    from index_values
    group by edition, region_level
    union all
    select edition, region_level, 'fct_node_scores' as table_name, count(*) as actual_rows
    from node_scores
    group by edition, region_level
    union all
    select edition, region_level, 'fct_weights' as table_name, count(*) as actual_rows
    from weights
    group by edition, region_level
    union all
    select edition, region_level, 'fct_node_score_statistics' as table_name, count(*) as actual_rows
    from node_score_statistics
    where group_type = 'all'
    group by edition, region_level
)

select
    coalesce(rows_expected.edition, rows_counted.edition) as edition,
    coalesce(rows_expected.region_level, rows_counted.region_level) as region_level,
    coalesce(rows_expected.table_name, rows_counted.table_name) as table_name,
    rows_expected.expected_rows,
    rows_counted.actual_rows
from rows_expected
full outer join rows_counted
    on rows_expected.edition = rows_counted.edition
    and rows_expected.region_level = rows_counted.region_level
    and rows_expected.table_name = rows_counted.table_name
where rows_expected.expected_rows is distinct from rows_counted.actual_rows
