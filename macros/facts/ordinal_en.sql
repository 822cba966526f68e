{#- An integer as an English ordinal: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 22nd, … -#}
{% macro ordinal_en(expression) -%}
    cast({{ expression }} as varchar) || case
        when mod({{ expression }}, 100) in (11, 12, 13) then 'th'
        when mod({{ expression }}, 10) = 1 then 'st'
        when mod({{ expression }}, 10) = 2 then 'nd'
        when mod({{ expression }}, 10) = 3 then 'rd'
        else 'th'
    end
{%- endmacro %}
