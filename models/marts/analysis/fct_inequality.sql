{#-
    Inequality of the total score (docs/analyses.md §4), per (edition, region_level): for the
    whole level, each macro-region and (cities) each economic circle, n, mean, the coefficient
    of variation, Gini, Theil T and the max/min ratio.
-#}

with

fct_index as (
    select * from {{ ref('fct_index') }}
),

regions as (
    select * from {{ ref('dim_regions') }}
),

circle_members as (
    select * from {{ ref('dim_circle_members') }}
),

scores_grouped as (
    select fct_index.edition, fct_index.region_level, 'all' as group_type, 'all' as group_code,
        fct_index.total_score as score
    from fct_index
    union all
    select fct_index.edition, fct_index.region_level, 'macro_region', regions.macro_region,
        fct_index.total_score
    from fct_index
    inner join regions
        on fct_index.region_level = regions.region_level
        and fct_index.region_code = regions.region_code
    union all
    select fct_index.edition, fct_index.region_level, 'circle', circle_members.circle_code,
        fct_index.total_score
    from fct_index
    inner join circle_members
        on fct_index.region_code = circle_members.region_code
    where fct_index.region_level = 'city'
),

-- each score with its group's mean and its position among the group's scores, ascending
scores_placed as (
    select
        *,
        avg(score) over (partition by edition, region_level, group_type, group_code)
            as group_mean,
        row_number() over (
            partition by edition, region_level, group_type, group_code order by score
        ) as ascending_position
    from scores_grouped
),

groups_summarised as (
    select
        edition,
        region_level,
        group_type,
        group_code,
        count(*) as n,
        avg(score) as mean,
        stddev_pop(score) as sd,
        min(score) as min_score,
        max(score) as max_score,
        -- Σ_i Σ_j |s_i − s_j| / (2 n² mean) = (2 Σ_i i · s_(i)) / (n Σ s) − (n + 1) / n,
        -- s_(i) the scores in ascending order
        sum(ascending_position * score) as position_weighted_sum,
        sum(score) as score_sum,
        -- Theil T: 0 · ln 0 = 0
        avg(
            case
                when score > 0 and group_mean > 0
                    then (score / group_mean) * ln(score / group_mean)
                else 0
            end
        ) as theil
    from scores_placed
    group by edition, region_level, group_type, group_code
),

final as (
    select
        cast(edition as integer) as edition,
        cast(region_level as varchar) as region_level,
        cast(group_type as varchar) as group_type,
        cast(group_code as varchar) as group_code,
        cast(n as integer) as n,
        cast(mean as double) as mean,
        cast(case when mean > 0 then sd / mean end as double) as cv,
        cast(
            case
                when mean > 0
                    then 2 * position_weighted_sum / (n * score_sum) - (n + 1) / n
            end as double
        ) as gini,
        cast(case when mean > 0 then theil end as double) as theil,
        cast(case when mean > 0 and min_score > 0 then max_score / min_score end as double)
            as max_min_ratio
    from groups_summarised
)

select * from final
