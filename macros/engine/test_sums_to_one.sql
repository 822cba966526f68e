{#-
    Fails with one row per group whose `column_name` does not sum to 1 (within `tolerance`),
    e.g. weights per (edition, region_level, parent_code).
-#}
{% test sums_to_one(model, column_name, group_by, tolerance=1e-9) %}
    select
        {{ group_by | join(', ') }},
        sum({{ column_name }}) as column_sum
    from {{ model }}
    group by {{ group_by | join(', ') }}
    having abs(sum({{ column_name }}) - 1) > {{ tolerance }}
{% endtest %}
