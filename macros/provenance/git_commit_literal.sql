{#-
    The commit checked out in the project, as a SQL literal (null when unknown), for build_info.
    `make build` passes it in the environment (BDI_GIT_COMMIT); a plain `dbt build` reads it from
    .git itself.
-#}
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
