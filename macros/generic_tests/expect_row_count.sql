{#- Fails when the model does not have exactly `expected` rows (optionally where `where`). -#}
{% test expect_row_count(model, expected) %}
    select count(*) as actual_rows
    from {{ model }}
    having count(*) <> {{ expected }}
{% endtest %}
