{#-
    `relation`'s rows with `key_count`, how many rows share the row's key `keys` (a list of
    columns); above 1 the key is repeated and every occurrence is a duplicate_key. The repeated
    keys come from a hash aggregate joined back, cheaper than a window over every row of a large
    raw table. A null key never matches, so it counts 1 (its own missing_value rule applies).
-#}
{% macro count_keys(relation, keys) %}
    with

    repeated_keys as (
        select
            {{ keys | join(', ') }},
            count(*) as key_count
        from {{ relation }}
        group by {{ keys | join(', ') }}
        having count(*) > 1
    )

    select
        keyed_rows.*,
        coalesce(repeated_keys.key_count, 1) as key_count
    from {{ relation }} as keyed_rows
    left join repeated_keys
        on {% for key in keys -%}
        {{ 'and ' if not loop.first }}keyed_rows.{{ key }} = repeated_keys.{{ key }}
        {% endfor %}
{% endmacro %}
