{#-
    The edition directories under `directory`: a list of {'edition', 'path', 'files'} (files: the
    names of the files in it), in edition order, plus the problems of the layout
    (`problems`, a list the messages are appended to). Files directly in `directory` (a README)
    and hidden directories (an unfinished `make publish`) are ignored; any other directory must be
    named after an edition and hold a manifest.json. A missing directory holds no edition.
-#}
{% macro find_published_editions(directory, problems) %}
    {%- set found = run_query(
        "select file from glob('" ~ bdi.sql_text(directory) ~ "/*/*') order by 1"
    ).columns[0].values() -%}
    {%- set by_directory = {} -%}
    {%- for file in found -%}
        {%- set parts = file[directory | length + 1:].split('/') -%}
        {%- if parts | length == 2 and not parts[0].startswith('.') -%}
            {%- do by_directory.setdefault(parts[0], []).append(parts[1]) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set editions = [] -%}
    {%- for name, files in by_directory | dictsort -%}
        {%- set path = directory ~ '/' ~ name -%}
        {%- if not (name | length == 4 and name is string and name.isdigit()) -%}
            {%- do problems.append("Published directory " ~ path ~ " is not an edition: "
                ~ directory ~ " holds one directory per published edition, named after it (e.g. "
                ~ directory ~ "/2025/), written by make publish. Move " ~ path ~ " elsewhere.") -%}
        {%- elif 'manifest.json' not in files -%}
            {%- do problems.append("Published edition " ~ path ~ " has no manifest.json (it lists "
                ~ "the edition's files and their checksums): restore it from git, or publish the "
                ~ "edition again: make publish EDITION=" ~ name ~ " FORCE=1") -%}
        {%- else -%}
            {%- do editions.append({'edition': name | int, 'path': path, 'files': files}) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(editions) }}
{% endmacro %}
