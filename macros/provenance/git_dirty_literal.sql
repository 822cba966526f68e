{#-
    Whether the work tree had uncommitted changes, as a SQL literal, for build_info: from
    BDI_GIT_DIRTY, which `make build` sets; null (unknown) for a plain `dbt build`.
-#}
{% macro git_dirty_literal() %}
    {%- set from_env = env_var('BDI_GIT_DIRTY', '') | trim | lower -%}
    {%- if from_env in ['1', 'true'] -%}
        {{ return('true') }}
    {%- elif from_env in ['0', 'false'] -%}
        {{ return('false') }}
    {%- endif -%}
    {{ return('null') }}
{% endmacro %}
