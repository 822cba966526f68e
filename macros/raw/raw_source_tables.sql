{#-
    The tables of source `raw` as declared in models/staging/_raw__sources.yml, the one list of raw
    tables and columns: a list of {'name', 'columns', 'relation'} in the yml's order.
-#}
{% macro raw_source_tables() %}
    {%- set tables = [] -%}
    {%- for node in graph.sources.values()
        if node.source_name == 'raw' and node.package_name == project_name -%}
        {%- do tables.append({
            'name': node.name,
            'columns': node.columns.keys() | list,
            'relation': api.Relation.create(
                database=node.database, schema=node.schema, identifier=node.identifier),
        }) -%}
    {%- endfor -%}
    {{ return(tables) }}
{% endmacro %}
