{#-
    Whether a child is informative (docs/methodology.md §4): not constant over the sample, i.e.
    max − min of its values above `tolerance` (values on the 0–1 scale), so that floating-point
    noise never decides it; for `entropy` also a column that does not sum to 0 (p = c / Σc needs
    it). An aggregate expression over the child's rows of `value_column`.
-#}
{% macro is_informative_child(weighting_method, value_column='child_value', tolerance='1e-12') %}
    (
        max({{ value_column }}) - min({{ value_column }}) > {{ tolerance }}
        {%- if weighting_method == 'entropy' %}
        and sum({{ value_column }}) <> 0
        {%- endif %}
    )
{% endmacro %}
