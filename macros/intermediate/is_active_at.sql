{#- Active at A: started on or before A and not ended on or before A (an empty end never ends). -#}
{% macro is_active_at(start_date, end_date, as_of_date) -%}
    ({{ start_date }} <= {{ as_of_date }} and ({{ end_date }} is null or {{ end_date }} > {{ as_of_date }}))
{%- endmacro %}
