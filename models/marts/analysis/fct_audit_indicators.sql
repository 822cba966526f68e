{#-
    The statistical audit of the indicators (docs/analyses.md §3), per (edition, region_level):
    each indicator's distribution (population moments of the raw values) with an outlier-prone
    flag, the Pearson correlation of its normalised values with its sub-dimension, dimension and
    total scores with a weak flag, and its nominal weight in the total beside its effective
    importance S_j = r_j² / Σ_k r_k² (r_j: the correlation with the total).
-#}

with

indicator_values as (
    select * from {{ ref('fct_indicator_values') }}
),

node_scores as (
    select * from {{ ref('fct_node_scores') }}
),

weights as (
    select * from {{ ref('fct_weights') }}
),

indicator_tree as (
    select * from {{ ref('dim_indicator_tree') }}
),

-- each indicator's values beside its sub-dimension's, dimension's and the total's scores
values_with_parents as (
    select
        indicator_values.edition,
        indicator_values.region_level,
        indicator_values.indicator_code,
        indicator_values.raw_value,
        indicator_values.normalized_value,
        subdimension_scores.score as subdimension_score,
        dimension_scores.score as dimension_score,
        total_scores.score as total_score
    from indicator_values
    inner join indicator_tree as indicators
        on indicator_values.indicator_code = indicators.node_code
    inner join indicator_tree as subdimensions
        on indicators.parent_code = subdimensions.node_code
    inner join node_scores as subdimension_scores
        on indicator_values.edition = subdimension_scores.edition
        and indicator_values.region_level = subdimension_scores.region_level
        and indicator_values.region_code = subdimension_scores.region_code
        and subdimension_scores.node_code = subdimensions.node_code
    inner join node_scores as dimension_scores
        on indicator_values.edition = dimension_scores.edition
        and indicator_values.region_level = dimension_scores.region_level
        and indicator_values.region_code = dimension_scores.region_code
        and dimension_scores.node_code = subdimensions.parent_code
    inner join node_scores as total_scores
        on indicator_values.edition = total_scores.edition
        and indicator_values.region_level = total_scores.region_level
        and indicator_values.region_code = total_scores.region_code
        and total_scores.node_code = 'total'
),

values_centred as (
    select
        *,
        raw_value - avg(raw_value) over indicator as centred_value
    from values_with_parents
    window indicator as (partition by edition, region_level, indicator_code)
),

indicators_described as (
    select
        edition,
        region_level,
        indicator_code,
        count(*) as n,
        avg(raw_value) as mean,
        avg(centred_value ^ 2) as m2,
        avg(centred_value ^ 3) as m3,
        avg(centred_value ^ 4) as m4,
        min(raw_value) as min_value,
        max(raw_value) as max_value,
        avg(case when raw_value = 0 then 1.0 else 0.0 end) as zero_share,
        {%- for parent in ['subdimension', 'dimension', 'total'] %}
        case
            when max(normalized_value) - min(normalized_value) > 1e-12
                and max({{ parent }}_score) - min({{ parent }}_score) > 1e-10  -- 1e-12 on 0–1
                then corr(normalized_value, {{ parent }}_score)
        end as corr_{{ parent }}{{ ',' if not loop.last }}
        {%- endfor %}
    from values_centred
    group by edition, region_level, indicator_code
),

indicators_weighed as (
    select
        indicators_described.*,
        weights.weight_in_total as nominal_weight,
        coalesce(indicators_described.corr_total, 0) ^ 2
            / nullif(
                sum(coalesce(indicators_described.corr_total, 0) ^ 2) over (
                    partition by indicators_described.edition, indicators_described.region_level
                ),
                0
            ) as effective_importance
    from indicators_described
    inner join weights
        on indicators_described.edition = weights.edition
        and indicators_described.region_level = weights.region_level
        and indicators_described.indicator_code = weights.node_code
),

final as (
    select
        cast(edition as integer) as edition,
        cast(region_level as varchar) as region_level,
        cast(indicator_code as varchar) as indicator_code,
        cast(n as integer) as n,
        cast(mean as double) as mean,
        cast(sqrt(m2) as double) as sd,
        cast(min_value as double) as min,
        cast(max_value as double) as max,
        cast(zero_share as double) as zero_share,
        cast(case when m2 > 0 then m3 / m2 ^ 1.5 end as double) as skewness,
        cast(case when m2 > 0 then m4 / m2 ^ 2 - 3 end as double) as kurtosis,
        cast(
            coalesce(m2 > 0 and abs(m3 / m2 ^ 1.5) > 2 and m4 / m2 ^ 2 - 3 > 3.5, false)
            as boolean
        ) as is_outlier_prone,
        cast(corr_subdimension as double) as corr_subdimension,
        cast(corr_dimension as double) as corr_dimension,
        cast(corr_total as double) as corr_total,
        cast(coalesce(corr_dimension, 0) < 0.3 as boolean) as is_weak,
        cast(nominal_weight as double) as nominal_weight,
        cast(effective_importance as double) as effective_importance
    from indicators_weighed
)

select * from final
