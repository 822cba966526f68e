{#-
    A tier position as a fixed-width text token ('0007'), so that the list of group ends of a
    natural-breaks partition can be carried as a string and compared lexicographically
    (int_region_tiers_assigned).
-#}
{% macro tier_position_token(expression) %}
    {{ return(adapter.dispatch('tier_position_token', 'bdi')(expression)) }}
{% endmacro %}

{% macro default__tier_position_token(expression) -%}
    lpad(cast({{ expression }} as varchar), 4, '0')
{%- endmacro %}
