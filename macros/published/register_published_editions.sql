{#-
    on-run-start hook: the published editions enter the warehouse here (docs/analyses.md §7).
    Every directory <published_dir>/<E>/ (var published_dir, env BDI_PUBLISHED_DIR, default
    published/) that `make publish` wrote is checked against its manifest.json: layout 1, every
    file present with the recorded SHA-256 and row count, the columns layout 1 requires
    (models/staging/_published__sources.yml), values of the right types. Then the views
    raw.published_<table> of source `published` are registered over the files. No directory, or
    an empty one, gives empty views.

    A damaged file or an incompatible layout stops the run before any model, with one line per
    problem naming the file, like a bad raw file. The published files are only read.
-#}
{% macro register_published_editions() %}
    {%- if not execute -%}
        {{ return('') }}
    {%- endif -%}
    {%- set tables = bdi.published_source_tables() -%}
    {%- set problems = [] -%}
    {%- set editions = bdi.find_published_editions(bdi.published_dir(), problems) -%}
    {%- set editions = bdi.read_published_manifests(editions, tables, problems) -%}
    {%- do bdi.check_published_files(editions, tables, problems) -%}
    {%- do bdi.raise_file_problems(problems, 'published') -%}

    {%- set statements = ['create schema if not exists ' ~ adapter.quote('raw')] -%}
    {%- for table in tables -%}
        {%- do statements.append('create or replace view ' ~ table.relation ~ ' as\n'
            ~ bdi.published_view_select(table, editions)) -%}
    {%- endfor -%}
    {{ return(statements | join(';\n') ~ ';') }}
{% endmacro %}
