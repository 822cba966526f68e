{#-
    Provenance of a build (models/marts/provenance). `make build` passes the git state in the
    environment (BDI_GIT_COMMIT, BDI_GIT_DIRTY, BDI_BUILD_TOOL); a plain `dbt build` reads the
    commit from .git itself and leaves the dirty flag unknown (null).
-#}

{#- The commit checked out in the project, as a SQL literal (null when unknown). -#}
{% macro git_commit_literal() %}
    {%- set from_env = env_var('BDI_GIT_COMMIT', '') | trim -%}
    {%- if from_env -%}
        {{ return("'" ~ from_env ~ "'") }}
    {%- endif -%}
    {%- if not execute -%}
        {{ return('null') }}
    {%- endif -%}
    {%- set head_files = run_query("select file from glob('.git/HEAD')").columns[0].values() -%}
    {%- if head_files | length == 0 -%}
        {{ return('null') }}
    {%- endif -%}
    {%- set head = run_query("select trim(content) from read_text('.git/HEAD')").columns[0].values()[0] -%}
    {%- if not head.startswith('ref: ') -%}
        {{ return("'" ~ head | trim ~ "'") }}
    {%- endif -%}
    {%- set ref_name = head[5:] | trim -%}
    {%- set ref_files = run_query("select file from glob('.git/" ~ ref_name ~ "')").columns[0].values() -%}
    {%- if ref_files | length > 0 -%}
        {%- set commit = run_query("select trim(content) from read_text('.git/" ~ ref_name ~ "')").columns[0].values()[0] -%}
        {{ return("'" ~ commit | trim ~ "'") }}
    {%- endif -%}
    {%- set packed = run_query("select file from glob('.git/packed-refs')").columns[0].values() -%}
    {%- if packed | length > 0 -%}
        {%- set found = run_query(
            "select split_part(line, ' ', 1) from (select unnest(string_split(content, chr(10))) as line "
            ~ "from read_text('.git/packed-refs')) where line like '% " ~ ref_name ~ "'"
        ).columns[0].values() -%}
        {%- if found | length > 0 -%}
            {{ return("'" ~ found[0] ~ "'") }}
        {%- endif -%}
    {%- endif -%}
    {{ return('null') }}
{% endmacro %}


{#- Whether the work tree had uncommitted changes, as a SQL literal (null when unknown). -#}
{% macro git_dirty_literal() %}
    {%- set from_env = env_var('BDI_GIT_DIRTY', '') | trim | lower -%}
    {%- if from_env in ['1', 'true'] -%}
        {{ return('true') }}
    {%- elif from_env in ['0', 'false'] -%}
        {{ return('false') }}
    {%- endif -%}
    {{ return('null') }}
{% endmacro %}


{#- The file a raw table was read from (execute time): the analyst's file or the sample seed. -#}
{% macro raw_source_file(table_name) %}
    {%- set raw_dir = var('raw_dir', '') | string | trim -%}
    {%- if not execute -%}
        {{ return('seeds/sample/raw_' ~ table_name ~ '.csv') }}
    {%- elif raw_dir -%}
        {{ return(bdi.raw_file_path(raw_dir, table_name)) }}
    {%- endif -%}
    {%- for node in graph.nodes.values()
        if node.resource_type == 'seed' and node.name == 'raw_' ~ table_name -%}
        {{ return(node.original_file_path) }}
    {%- endfor -%}
    {{ exceptions.raise_compiler_error("No sample seed raw_" ~ table_name ~ " (seeds/sample).") }}
{% endmacro %}
