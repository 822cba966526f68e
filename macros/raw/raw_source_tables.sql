{#-
    The tables of source `raw` as declared in models/staging/_raw__sources.yml, the one list of raw
    tables and columns: a list of {'name', 'columns', 'relation', 'optional_set'} in the yml's
    order. optional_set (config.meta.optional_set) is none for a table every build needs, else
    the name of the optional tables that come together or not at all (the special topics).
-#}
{% macro raw_source_tables() %}
    {%- set tables = [] -%}
    {%- for node in graph.sources.values()
        if node.source_name == 'raw' and node.package_name == project_name -%}
        {%- do tables.append({
            'name': node.name,
            'columns': node.columns.keys() | list,
            'optional_set': node.config.meta.get('optional_set'),
            'relation': api.Relation.create(
                database=node.database, schema=node.schema, identifier=node.identifier),
        }) -%}
    {%- endfor -%}
    {{ return(tables) }}
{% endmacro %}
