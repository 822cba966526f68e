{#-
    The select behind view raw.published_<table> (source `published`): the table's declared
    columns, typed, for every edition in `editions` (checked before); `edition` is the
    directory's. The editions table comes from the manifests, every other from the edition's
    CSV file. Without editions: no rows, the same columns.
-#}
{% macro published_view_select(table, editions) %}
    {%- set selects = [] -%}
    {%- for edition in editions -%}
        {%- set lines = [] -%}
        {%- for column in table.columns -%}
            {%- if column.name == 'edition' -%}
                {%- set value = edition.edition | string -%}
            {%- elif table.file != 'manifest.json' -%}
                {%- set value = adapter.quote(column.name) -%}
            {%- elif column.name == 'manifest_path' -%}
                {%- set value = "'" ~ bdi.sql_text(edition.path ~ '/manifest.json') ~ "'" -%}
            {%- else -%}
                {%- set raw = edition.manifest.get(column.name, edition.manifest.get('build', {}).get(column.name)) -%}
                {%- set value = 'null' if raw is none
                    else "'" ~ bdi.sql_text(raw if raw is string else tojson(raw)) ~ "'" -%}
            {%- endif -%}
            {%- do lines.append('cast(' ~ value ~ ' as ' ~ column.data_type ~ ') as ' ~ column.name) -%}
        {%- endfor -%}
        {%- set reader = '' if table.file == 'manifest.json'
            else '\nfrom ' ~ bdi.published_file_reader(edition.path ~ '/' ~ table.file) -%}
        {%- do selects.append('select\n    ' ~ lines | join(',\n    ') ~ reader) -%}
    {%- endfor -%}
    {%- if not selects -%}
        {%- set lines = [] -%}
        {%- for column in table.columns -%}
            {%- do lines.append('cast(null as ' ~ column.data_type ~ ') as ' ~ column.name) -%}
        {%- endfor -%}
        {%- do selects.append('select\n    ' ~ lines | join(',\n    ') ~ '\nwhere false') -%}
    {%- endif -%}
    {{ return(selects | join('\nunion all\n')) }}
{% endmacro %}
