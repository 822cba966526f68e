{#-
    Custom schema names are used verbatim: a model configured with `schema: staging` lands in
    `staging`, not `main_staging` (dbt's default prefixes the target schema). Models without a
    custom schema land in the target schema, `main`, which holds only the public tables.
-#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
