{#-
    How many regions the report's facts count as a level's top list: the top 20 cities and the
    top 15 provinces (the fact codes top20_* / top15_* and their statements say so, "前20"), as a
    SQL condition on `rank_column` for the rows' `level_column`.
-#}
{% macro report_fact_top(rank_column, level_column='region_level') -%}
    {{ rank_column }} <= case {{ level_column }} when 'city' then 20 else 15 end
{%- endmacro %}
