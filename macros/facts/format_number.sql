{#-
    A number as text with a fixed number of decimals (88.7, 14): the way a statement prints it.
    Null stays null.
-#}
{% macro format_number(expression, decimals) %}
    {{ return(adapter.dispatch('format_number', 'bdi')(expression, decimals)) }}
{% endmacro %}

{% macro default__format_number(expression, decimals) -%}
    cast(cast(round({{ expression }}, {{ decimals }}) as decimal(18, {{ decimals }})) as varchar)
{%- endmacro %}
