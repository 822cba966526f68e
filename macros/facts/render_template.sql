{#-
    A sentence from a template with named placeholders ('{edition}年…{value}个'): each
    `{name}` of `placeholders` (name -> SQL expression of text) replaced by its value, an absent
    value by the empty string. Placeholders not in the mapping stay as they are (a data test on
    fct_report_facts fails on any left).
-#}
{% macro render_template(template, placeholders) -%}
    {%- set ns = namespace(sql=template) -%}
    {%- for name, expression in placeholders.items() -%}
        {%- set ns.sql = "replace(" ~ ns.sql ~ ", '{" ~ name ~ "}', coalesce(" ~ expression ~ ", ''))" -%}
    {%- endfor -%}
    {{ ns.sql }}
{%- endmacro %}
