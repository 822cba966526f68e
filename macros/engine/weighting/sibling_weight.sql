{#-
    A child's weight from its method's raw weight by the rules common to every method
    (docs/methodology.md §4), given per child its siblings' totals:
      * every child of the parent uninformative: 1 / m (child_count);
      * an uninformative child: 0;
      * the informative children's raw weights all 0 (their sum at most `tolerance`, e.g. CRITIC
        on perfectly correlated siblings): 1 / informative_child_count;
      * otherwise raw_weight / raw_weight_sum (so one informative child gets 1).
-#}
{% macro sibling_weight(
    is_informative='is_informative',
    raw_weight='raw_weight',
    raw_weight_sum='raw_weight_sum',
    child_count='child_count',
    informative_child_count='informative_child_count',
    tolerance='1e-12'
) %}
    case
        when {{ informative_child_count }} = 0
            then cast(1 as double) / {{ child_count }}
        when not {{ is_informative }}
            then cast(0 as double)
        when {{ raw_weight_sum }} <= {{ tolerance }}
            then cast(1 as double) / {{ informative_child_count }}
        else {{ raw_weight }} / {{ raw_weight_sum }}
    end
{% endmacro %}
