{#-
    The tables of a source as declared in its yml, by default source `raw`
    (models/staging/_raw__sources.yml, the one list of raw tables and columns): a list of
    {'name', 'columns' (names), 'column_types' ([{'name', 'data_type'}]), 'meta', 'optional_set',
    'relation'} in the yml's order. optional_set (config.meta.optional_set) is none for a table
    every build needs, else the name of the optional tables that come together or not at all
    (the special topics).
-#}
{% macro raw_source_tables(source_name='raw') %}
    {%- set tables = [] -%}
    {%- for node in graph.sources.values()
        if node.source_name == source_name and node.package_name == project_name -%}
        {%- set column_types = [] -%}
        {%- for column in node.columns.values() -%}
            {%- do column_types.append({'name': column.name, 'data_type': column.data_type}) -%}
        {%- endfor -%}
        {%- do tables.append({
            'name': node.name,
            'columns': node.columns.keys() | list,
            'column_types': column_types,
            'meta': node.meta,
            'optional_set': node.config.meta.get('optional_set'),
            'relation': api.Relation.create(
                database=node.database, schema=node.schema, identifier=node.identifier),
        }) -%}
    {%- endfor -%}
    {{ return(tables) }}
{% endmacro %}
