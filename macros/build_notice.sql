{#-
    on-run-start notice (dbt_project.yml: `on-run-start: "{{ bdi.build_notice() }}"`).

    `make build` (python -m bdi.build) builds into a new file, runs every model and data test against it and only
    then replaces the published warehouse in one atomic rename. A plain `dbt build` writes into the
    warehouse file directly: this notice says so, and how to get the safe behaviour.
    It only logs; the hook runs no SQL.
-#}
{% macro build_notice() %}
    {%- if execute and flags.WHICH in ['build', 'run', 'seed', 'snapshot'] -%}
        {%- set building_path = env_var('BDI_BUILD_PATH', '') -%}
        {%- if building_path -%}
            {{ log(
                "bdi.build: building into the new file " ~ building_path ~ "; it replaces the published "
                ~ "warehouse only if every model and data test passes.", info=True) }}
        {%- else -%}
            {{ log(
                "NOTE: a plain `dbt " ~ flags.WHICH ~ "` writes straight into " ~ target.path ~ ": if it "
                ~ "fails or is interrupted, that file is left half-built, and it cannot start while the "
                ~ "viewer or anyone else has the file open. `make build` (python -m bdi.build) builds "
                ~ "into a new file, runs every model and data test against it, and only then replaces the warehouse in "
                ~ "one atomic rename; it reads the same BDI_* variables.",
                info=True) }}
        {%- endif -%}
    {%- endif -%}
{% endmacro %}
