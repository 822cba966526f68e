{#-
    A select over `relation` (a model's import CTE of rows that refer to an enterprise by
    enterprise_id) that adds the enterprise's province_code and city_code, read from `enterprises`
    (the import CTE of int_enterprises_validated), and `added_problems`: orphan_reference when the
    enterprise does not exist, invalid_reference when it is invalid. An id that occurs twice in
    enterprises is invalid in both rows, so it is invalid here too.
-#}
{% macro join_enterprise(relation, enterprises) %}
    select
        {{ relation }}.*,
        enterprises_by_id.province_code,
        enterprises_by_id.city_code,
        {{ bdi.collect_problems([
            (relation ~ '.enterprise_id is not null and enterprises_by_id.enterprise_id is null',
                'orphan_reference', 'enterprise_id', relation ~ '.enterprise_id'),
            ('enterprises_by_id.is_valid is false',
                'invalid_reference', 'enterprise_id', relation ~ '.enterprise_id'),
        ]) }} as added_problems
    from {{ relation }}
    left join (
        select
            enterprise_id,
            bool_and(is_valid) as is_valid,
            any_value(province_code) as province_code,
            any_value(city_code) as city_code
        from {{ enterprises }}
        where enterprise_id is not null
        group by enterprise_id
    ) as enterprises_by_id
        on {{ relation }}.enterprise_id = enterprises_by_id.enterprise_id
{% endmacro %}
