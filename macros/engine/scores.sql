{#-
    Aggregation, ranking and rank change (methodology §5 and §6), shared by every level of the
    hierarchy and by the economic circles.
-#}

{#-
    s_rp = sum_k w_k * c_rk (0–1 scale). `child_values`: (edition, region_level, region_code,
    child_code, child_value); `child_weights`: (edition, region_level, parent_code, child_code,
    weight). Returns one row per (edition, region_level, region_code, node_code = parent_code).
-#}
{% macro aggregate_child_scores(child_values, child_weights) %}
    select
        child_values.edition,
        child_values.region_level,
        child_values.region_code,
        child_weights.parent_code as node_code,
        sum(child_weights.weight * child_values.child_value) as unit_score
    from {{ child_values }} as child_values
    inner join {{ child_weights }} as child_weights
        on child_values.edition = child_weights.edition
        and child_values.region_level = child_weights.region_level
        and child_values.child_code = child_weights.child_code
    group by
        child_values.edition,
        child_values.region_level,
        child_values.region_code,
        child_weights.parent_code
{% endmacro %}


{#- Scores are compared after rounding to this many decimals (0–100 scale). -#}
{% macro rank_decimals() %}
    {{ return(6) }}
{% endmacro %}


{#-
    round() of a double to `decimals` places (DuckDB rounds half away from zero on the decimal
    value). Dispatched: Postgres, for one, rounds only numerics.
-#}
{% macro round_double(expression, decimals) %}
    {{ return(adapter.dispatch('round_double', 'bdi')(expression, decimals)) }}
{% endmacro %}

{% macro default__round_double(expression, decimals) -%}
    round({{ expression }}, {{ decimals }})
{%- endmacro %}


{#- Competition ranking (1, 2, 2, 4) by score, highest first, within `partition_by`. -#}
{% macro score_rank(partition_by, score_column='score') %}
    rank() over (
        partition by {{ partition_by | join(', ') }}
        order by {{ bdi.round_double(score_column, bdi.rank_decimals()) }} desc
    )
{% endmacro %}


{#-
    Adds rank_change = rank in edition E - 1 minus rank in edition E (positive: moved up; null
    when E - 1 was not computed) to `ranked`, a relation with edition, score_rank and the
    columns `match_on` that identify the same unit in both editions.
-#}
{% macro rank_change_joined(ranked, match_on) %}
    select
        current_edition.*,
        previous_edition.score_rank - current_edition.score_rank as rank_change
    from {{ ranked }} as current_edition
    left join {{ ranked }} as previous_edition
        on previous_edition.edition = current_edition.edition - 1
        {%- for column in match_on %}
        and previous_edition.{{ column }} = current_edition.{{ column }}
        {%- endfor %}
{% endmacro %}


{#-
    In dbt unit tests only (var unit_test_decimals set through `overrides`), rounds a double
    column so that hand-computed expectations can be compared; otherwise the column as is.
-#}
{% macro round_for_unit_tests(expression, decimals) %}
    {%- if decimals is none or decimals == '' -%}
        {{ expression }}
    {%- else -%}
        {{ bdi.round_double(expression, decimals) }}
    {%- endif -%}
{% endmacro %}
