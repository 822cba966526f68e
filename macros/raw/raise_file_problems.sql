{#-
    Stops the run when input files cannot be read (the on-run-start hooks of the raw tables and
    the published editions): one problem is the message, several are counted and listed one per
    line ("3 raw files cannot be read:"). `kind` names the files: 'raw' or 'published'.
-#}
{% macro raise_file_problems(problems, kind) %}
    {%- if problems | length == 1 -%}
        {{ exceptions.raise_compiler_error(problems[0]) }}
    {%- elif problems -%}
        {{ exceptions.raise_compiler_error(
            problems | length ~ " " ~ kind ~ " files cannot be read:\n" ~ problems | join('\n')) }}
    {%- endif -%}
{% endmacro %}
