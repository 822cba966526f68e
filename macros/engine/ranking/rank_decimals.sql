{#-
    Scores are compared after rounding to this many decimals on the 0–100 scale, so that
    floating-point noise never breaks a tie (docs/methodology.md §6).
-#}
{% macro rank_decimals() %}
    {{ return(6) }}
{% endmacro %}
