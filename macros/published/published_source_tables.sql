{#-
    The tables of source `published` (models/staging/_published__sources.yml): a list of
    {'name', 'file', 'columns': [{'name', 'data_type'}], 'relation'} in the yml's order. `file` is
    the file of each edition directory the table is read from (meta.file).
-#}
{% macro published_source_tables() %}
    {%- set tables = [] -%}
    {%- for node in graph.sources.values()
        if node.source_name == 'published' and node.package_name == project_name -%}
        {%- set columns = [] -%}
        {%- for column in node.columns.values() -%}
            {%- do columns.append({'name': column.name, 'data_type': column.data_type}) -%}
        {%- endfor -%}
        {%- do tables.append({
            'name': node.name,
            'file': node.meta['file'],
            'columns': columns,
            'relation': api.Relation.create(
                database=node.database, schema=node.schema, identifier=node.identifier),
        }) -%}
    {%- endfor -%}
    {{ return(tables) }}
{% endmacro %}
