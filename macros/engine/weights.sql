{#-
    Weighting (methodology §4): one macro for all three levels of the hierarchy.

    `child_values` names a relation or CTE with one row per (edition, region_level, parent_code,
    child_code, region_code) and the column `child_value`: the child's value for the region on the
    0–1 scale (normalised indicator value for level-3 children, the child's unit_score for level-1
    and level-2 children). `expert_weights` names a relation with (node_code, expert_weight).

    Returns a select with one row per (edition, region_level, parent_code, child_code):
    child_count, informative_child_count, is_informative, raw_weight (the method's unnormalised
    weight; null for uninformative children) and weight. The rules common to every method:
      * a child that is constant over the sample is uninformative: weight 0, its siblings are
        weighted among themselves (for `entropy`, a column summing to 0 is uninformative too);
      * every child uninformative: equal weights 1 / m;
      * one (informative) child: weight 1;
      * every informative child with a raw weight of 0: equal weights among the informative.
    "Constant" and "raw weight 0" are judged with the tolerances below, so that floating-point
    noise (a sum of identical values added in another order, a correlation of 1 computed as
    1 - 2e-16) never decides the outcome.

    improved_vector (the default, 改进向量法): the report names the method but does not publish its
    formula; weights proportional to each child's Euclidean distance from the optimal vector
    (1 … 1) are this project's reading of it (methodology §4), not the report's own code.

    The SQL is portable (stddev_pop, corr, ln, sqrt, window sums); `adapter.dispatch` lets
    another adapter replace it.
-#}

{% macro weighting_methods() %}
    {{ return(['improved_vector', 'entropy', 'critic', 'equal', 'expert']) }}
{% endmacro %}

{#- A child column is constant when max - min <= this (values on the 0–1 scale). -#}
{% macro constant_tolerance() %}
    {{ return('1e-12') }}
{% endmacro %}

{#- Raw weights of the informative children summing to <= this count as all zero. -#}
{% macro zero_weight_tolerance() %}
    {{ return('1e-12') }}
{% endmacro %}

{% macro compute_weights(child_values, weighting_method, expert_weights) %}
    {%- if weighting_method not in bdi.weighting_methods() -%}
        {{ exceptions.raise_compiler_error(
            "Unknown weighting_method '" ~ weighting_method ~ "': use one of "
            ~ bdi.weighting_methods() | join(', ')
            ~ " (dbt --vars '{weighting_method: entropy}' or BDI_WEIGHTING_METHOD=entropy)."
        ) }}
    {%- endif -%}
    {{ return(adapter.dispatch('compute_weights', 'bdi')(child_values, weighting_method, expert_weights)) }}
{% endmacro %}

{% macro default__compute_weights(child_values, weighting_method, expert_weights) %}
    {%- set sibling_key = ['edition', 'region_level', 'parent_code'] -%}
    {%- set child_key = sibling_key + ['child_code'] %}
    with

    children_summarized as (
        select
            {{ child_key | join(',\n            ') }},
            count(*) as region_count,
            min(child_value) as min_value,
            max(child_value) as max_value,
            sum(child_value) as value_sum
        from {{ child_values }}
        group by {{ child_key | join(', ') }}
    ),

    children_flagged as (
        select
            {{ child_key | join(',\n            ') }},
            region_count,
            value_sum,
            (
                max_value - min_value > {{ bdi.constant_tolerance() }}
                {%- if weighting_method == 'entropy' %}
                and value_sum <> 0
                {%- endif %}
            ) as is_informative
        from children_summarized
    ),

    informative_values as (
        select
            {%- for column in child_key %}
            child_values.{{ column }},
            {%- endfor %}
            child_values.region_code,
            child_values.child_value,
            children_flagged.region_count,
            children_flagged.value_sum
        from {{ child_values }} as child_values
        inner join children_flagged
            on
            {%- for column in child_key %}
            {{ 'and ' if not loop.first }}child_values.{{ column }} = children_flagged.{{ column }}
            {%- endfor %}
        where children_flagged.is_informative
    ),
    {% if weighting_method == 'improved_vector' %}
    {#- d_k = sqrt(sum_r (1 - c_rk)^2): distance of the column from the optimal vector (1 … 1) #}
    raw_weights as (
        select
            {{ child_key | join(',\n            ') }},
            sqrt(sum((1 - child_value) * (1 - child_value))) as raw_weight
        from informative_values
        group by {{ child_key | join(', ') }}
    ),
    {% elif weighting_method == 'entropy' %}
    {#- 1 - e_k, e_k = -(1 / ln n) sum_r p_rk ln p_rk, p_rk = c_rk / sum_r c_rk, 0 ln 0 = 0 #}
    raw_weights as (
        select
            {{ child_key | join(',\n            ') }},
            1 + sum(
                case
                    when child_value > 0
                        then (child_value / value_sum) * ln(child_value / value_sum)
                    else 0
                end
            ) / ln(max(region_count)) as raw_weight
        from informative_values
        group by {{ child_key | join(', ') }}
    ),
    {% elif weighting_method == 'critic' %}
    {#- C_k = sigma_k * sum_k' (1 - rho_kk') over the informative siblings k' #}
    children_dispersed as (
        select
            {{ child_key | join(',\n            ') }},
            stddev_pop(child_value) as value_std
        from informative_values
        group by {{ child_key | join(', ') }}
    ),

    siblings_correlated as (
        select
            {%- for column in child_key %}
            child_column.{{ column }},
            {%- endfor %}
            sibling_column.child_code as sibling_code,
            corr(child_column.child_value, sibling_column.child_value) as correlation
        from informative_values as child_column
        inner join informative_values as sibling_column
            on
            {%- for column in sibling_key %}
            {{ 'and ' if not loop.first }}child_column.{{ column }} = sibling_column.{{ column }}
            {%- endfor %}
            and child_column.region_code = sibling_column.region_code
            and child_column.child_code <> sibling_column.child_code
        group by
            {%- for column in child_key %}
            child_column.{{ column }},
            {%- endfor %}
            sibling_column.child_code
    ),

    children_conflicting as (
        select
            {{ child_key | join(',\n            ') }},
            sum(1 - correlation) as conflict
        from siblings_correlated
        group by {{ child_key | join(', ') }}
    ),

    raw_weights as (
        select
            {%- for column in child_key %}
            children_dispersed.{{ column }},
            {%- endfor %}
            children_dispersed.value_std * coalesce(children_conflicting.conflict, 0) as raw_weight
        from children_dispersed
        left join children_conflicting
            on
            {%- for column in child_key %}
            {{ 'and ' if not loop.first }}children_dispersed.{{ column }} = children_conflicting.{{ column }}
            {%- endfor %}
    ),
    {% elif weighting_method == 'equal' %}
    raw_weights as (
        select distinct
            {{ child_key | join(',\n            ') }},
            cast(1 as double) as raw_weight
        from informative_values
    ),
    {% elif weighting_method == 'expert' %}
    {#- the seed's weight; renormalised among the informative siblings below #}
    raw_weights as (
        select distinct
            {%- for column in child_key %}
            informative_values.{{ column }},
            {%- endfor %}
            cast(expert_weights.expert_weight as double) as raw_weight
        from informative_values
        left join {{ expert_weights }} as expert_weights
            on informative_values.child_code = expert_weights.node_code
    ),
    {% endif %}
    children_weighed as (
        select
            {%- for column in child_key %}
            children_flagged.{{ column }},
            {%- endfor %}
            children_flagged.is_informative,
            raw_weights.raw_weight,
            count(*) over (
                partition by
                {%- for column in sibling_key %}
                children_flagged.{{ column }}{{ ',' if not loop.last }}
                {%- endfor %}
            ) as child_count,
            sum(case when children_flagged.is_informative then 1 else 0 end) over (
                partition by
                {%- for column in sibling_key %}
                children_flagged.{{ column }}{{ ',' if not loop.last }}
                {%- endfor %}
            ) as informative_child_count,
            sum(raw_weights.raw_weight) over (
                partition by
                {%- for column in sibling_key %}
                children_flagged.{{ column }}{{ ',' if not loop.last }}
                {%- endfor %}
            ) as raw_weight_sum
        from children_flagged
        left join raw_weights
            on
            {%- for column in child_key %}
            {{ 'and ' if not loop.first }}children_flagged.{{ column }} = raw_weights.{{ column }}
            {%- endfor %}
    ),

    weights_normalized as (
        select
            {{ child_key | join(',\n            ') }},
            child_count,
            informative_child_count,
            is_informative,
            raw_weight,
            case
                when informative_child_count = 0
                    then cast(1 as double) / child_count
                when not is_informative
                    then cast(0 as double)
                when raw_weight_sum <= {{ bdi.zero_weight_tolerance() }}
                    then cast(1 as double) / informative_child_count
                else raw_weight / raw_weight_sum
            end as weight
        from children_weighed
    )

    select * from weights_normalized
{% endmacro %}
