{#-
    A select over `relation` (a model's import CTE) that adds the province_code and city_code its
    `code_column` resolves to, read from `resolved` (the import CTE of int_region_codes_resolved),
    and `added_problems`: unknown_region when a code is given but does not resolve.
-#}
{% macro join_resolved_region(relation, code_column, resolved) %}
    select
        {{ relation }}.*,
        {{ resolved }}.province_code,
        {{ resolved }}.city_code,
        {{ bdi.collect_problems([(
            relation ~ '.' ~ code_column ~ ' is not null and ' ~ resolved ~ '.is_resolved is not true',
            'unknown_region', code_column, relation ~ '.' ~ code_column,
        )]) }} as added_problems
    from {{ relation }}
    left join {{ resolved }}
        on {{ relation }}.{{ code_column }} = {{ resolved }}.region_code
{% endmacro %}
