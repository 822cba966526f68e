{#-
    Competition ranking (1, 2, 2, 4) by `score_column`, highest first, within `partition_by`, on
    the score rounded to rank_decimals() (docs/methodology.md §6). A window expression.
-#}
{% macro score_rank(partition_by, score_column='score') %}
    rank() over (
        partition by {{ partition_by | join(', ') }}
        order by {{ bdi.round_double(score_column, bdi.rank_decimals()) }} desc
    )
{% endmacro %}
