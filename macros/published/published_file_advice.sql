{#- What to do about a damaged published file: files under version control come back from git;
    an edition that should be replaced is published again. A build never rewrites them. -#}
{% macro published_file_advice(path, edition) %}
    {{ return("Restore it from git (git checkout -- " ~ path ~ "), or publish the edition again "
        ~ "from a warehouse that holds it: make publish EDITION=" ~ edition ~ " FORCE=1") }}
{% endmacro %}
