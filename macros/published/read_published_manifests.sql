{#-
    Reads the manifest.json of every edition found (find_published_editions) and sets each
    edition's 'manifest'; appends a message to `problems` for a manifest that is not valid JSON,
    has another layout than 1, names another edition or does not list a file of `tables` with its
    SHA-256 and row count. Returns the editions whose manifest is sound.
-#}
{% macro read_published_manifests(editions, tables, problems) %}
    {%- if not editions -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set paths = [] -%}
    {%- for edition in editions -%}
        {%- do paths.append(edition.path ~ '/manifest.json') -%}
    {%- endfor -%}
    {%- set texts = {} -%}
    {%- for row in run_query("select filename, try(decode(content)) as content from read_blob("
        ~ bdi.sql_text_list(paths) ~ ")").rows -%}
        {%- do texts.update({row['filename']: row['content']}) -%}
    {%- endfor -%}
    {%- set sound = [] -%}
    {%- for edition in editions -%}
        {%- set path = edition.path ~ '/manifest.json' -%}
        {%- set manifest = fromjson(texts.get(path) or '', none) -%}
        {%- set problem = none -%}
        {%- if manifest is not mapping -%}
            {%- set problem = "Published file " ~ path ~ " is not a valid manifest (not a JSON object)." -%}
        {%- elif manifest.get('layout') != 1 -%}
            {%- set problem = "Published file " ~ path ~ " has layout " ~ manifest.get('layout')
                ~ "; this project reads layout 1 (incompatible layout)." -%}
        {%- elif manifest.get('edition') != edition.edition -%}
            {%- set problem = "Published file " ~ path ~ " describes edition " ~ manifest.get('edition')
                ~ ", not " ~ edition.edition ~ " (the directory's name)." -%}
        {%- elif manifest.get('published_at') is not string or manifest.get('files') is not mapping -%}
            {%- set problem = "Published file " ~ path ~ " lacks published_at or files (layout 1)." -%}
        {%- else -%}
            {#- a namespace: a plain set inside a for loop does not outlive the loop -#}
            {%- set unlisted = namespace(file=none) -%}
            {%- for table in tables if table.file != 'manifest.json' -%}
                {%- set entry = manifest.files.get(table.file) -%}
                {%- if unlisted.file is none and (entry is not mapping
                    or entry.get('sha256') is not string or entry.get('rows') is not number) -%}
                    {%- set unlisted.file = table.file -%}
                {%- endif -%}
            {%- endfor -%}
            {%- if unlisted.file is not none -%}
                {%- set problem = "Published file " ~ path ~ " does not list " ~ unlisted.file
                    ~ " with its sha256 and rows (layout 1)." -%}
            {%- endif -%}
        {%- endif -%}
        {%- if problem is none -%}
            {%- do edition.update({'manifest': manifest}) -%}
            {%- do sound.append(edition) -%}
        {%- else -%}
            {%- do problems.append(problem ~ ' ' ~ bdi.published_file_advice(path, edition.edition)) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(sound) }}
{% endmacro %}
