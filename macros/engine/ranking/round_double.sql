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
