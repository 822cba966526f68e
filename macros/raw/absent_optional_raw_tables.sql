{#-
    The optional raw tables (config.meta.optional_set in models/staging/_raw__sources.yml: the
    special topics, topics and topic_values) come together or not at all. `files`: find_raw_files
    of every raw table; `tables`: raw_source_tables(). Returns the names of the optional tables
    whose whole set is absent, and removes them from `files` (they are no problem: the build
    simply has none of them). A set that is only partly there keeps a problem for each missing
    table that says so.
-#}
{% macro absent_optional_raw_tables(files, tables) %}
    {%- set sets = {} -%}
    {%- for table in tables if table.optional_set -%}
        {%- do sets.setdefault(table.optional_set, []).append(table.name) -%}
    {%- endfor -%}
    {%- set absent = [] -%}
    {%- for names in sets.values() -%}
        {%- set missing = [] -%}
        {%- for name in names if files[name].get('is_missing') -%}
            {%- do missing.append(name) -%}
        {%- endfor -%}
        {%- if missing | length == names | length -%}
            {%- for name in names -%}
                {%- do absent.append(name) -%}
                {%- do files.pop(name) -%}
            {%- endfor -%}
        {%- else -%}
            {%- for name in missing -%}
                {%- do files[name].update({'problem': files[name].problem ~ " The optional tables "
                    ~ names | join(' and ') ~ " come together or not at all: add " ~ name
                    ~ ", or remove the others to build without them."}) -%}
            {%- endfor -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(absent) }}
{% endmacro %}
