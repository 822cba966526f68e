{#- Fails with every row whose column lies outside [min_value, max_value] (nulls are not checked). -#}
{% test expect_between(model, column_name, min_value=none, max_value=none) %}
    select *
    from {{ model }}
    where
        false
        {% if min_value is not none %} or {{ column_name }} < {{ min_value }}{% endif %}
        {% if max_value is not none %} or {{ column_name }} > {{ max_value }}{% endif %}
{% endtest %}
