{#- A raw boolean: true/false, t/f, 1/0, yes/no, y/n, 是/否 (any case); null otherwise. -#}
{% macro parse_boolean(column) -%}
    case lower({{ bdi.clean_text(column) }})
        when 'true' then true
        when 't' then true
        when '1' then true
        when 'yes' then true
        when 'y' then true
        when '是' then true
        when 'false' then false
        when 'f' then false
        when '0' then false
        when 'no' then false
        when 'n' then false
        when '否' then false
    end
{%- endmacro %}
