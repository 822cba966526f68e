{#-
    The tables of source `published` (models/staging/_published__sources.yml): as
    raw_source_tables gives them, with 'columns' as [{'name', 'data_type'}] and 'file', the file
    of each edition directory the table is read from (meta.file).
-#}
{% macro published_source_tables() %}
    {%- set tables = bdi.raw_source_tables('published') -%}
    {%- for table in tables -%}
        {%- do table.update({'file': table.meta['file'], 'columns': table.column_types}) -%}
    {%- endfor -%}
    {{ return(tables) }}
{% endmacro %}
