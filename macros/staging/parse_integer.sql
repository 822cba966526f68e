{#- A raw whole number: 12 and 12.0 are read, 12.5 is not (null). -#}
{% macro parse_integer(column) -%}
    case
        when {{ bdi.parse_number(column) }} = floor({{ bdi.parse_number(column) }})
            then cast({{ bdi.parse_number(column) }} as bigint)
    end
{%- endmacro %}
