{#-
    One row: how this warehouse was built. When, with which tool (`make build`, which publishes
    atomically, or a plain `dbt build`), from which commit, from which raw data (details per file
    in build_raw_files), with which vars, and how many raw rows were read and invalid.
-#}
{%- set raw_dir = var('raw_dir', '') | string | trim -%}
{%- set rank_cutoffs = bdi.tier_rank_cutoffs() -%}

with

int_editions_derived as (
    select * from {{ ref('int_editions_derived') }}
),

build_raw_files as (
    select * from {{ ref('build_raw_files') }}
),

editions_summarized as (
    select
        min(edition) as first_edition,
        max(edition) as last_edition,
        count(*) as edition_count
    from int_editions_derived
),

raw_rows_summarized as (
    select
        sum(row_count) as raw_row_count,
        sum(invalid_row_count) as invalid_row_count
    from build_raw_files
),

final as (
    select
        cast('{{ run_started_at.isoformat() }}' as timestamp with time zone) as built_at,
        '{{ env_var('BDI_BUILD_TOOL', 'dbt ' ~ flags.WHICH) }}' as built_with,
        cast({{ bdi.git_commit_literal() }} as varchar) as git_commit,
        cast({{ bdi.git_dirty_literal() }} as boolean) as git_is_dirty,
        '{{ dbt_version }}' as dbt_version,
        cast(version() as varchar) as duckdb_version,
        {%- if bdi.is_sample_raw_dir() %}
        'sample (synthetic)' as raw_source,
        true as is_sample_data,
        {%- else %}
        '{{ raw_dir }}' as raw_source,
        false as is_sample_data,
        {%- endif %}
        '{{ var('weighting_method') }}' as weighting_method,
        '{{ bdi.tier_method() }}' as tier_method,
        cast({{ var('tier_top_n') }} as integer) as tier_top_n,
        cast({{ var('tier_count') }} as integer) as tier_count,
        '{{ tojson(rank_cutoffs, sort_keys=true) }}' as tier_rank_cutoffs,
        '{{ bdi.circle_method() }}' as circle_method,
        {{ 'true' if bdi.invalid_rows_allowed() else 'false' }} as allow_invalid_rows,
        {{ bdi.build_date() }} as build_date,
        cast(editions_summarized.first_edition as integer) as first_edition,
        cast(editions_summarized.last_edition as integer) as last_edition,
        cast(editions_summarized.edition_count as integer) as edition_count,
        cast(raw_rows_summarized.raw_row_count as bigint) as raw_row_count,
        cast(raw_rows_summarized.invalid_row_count as bigint) as invalid_row_count
    from editions_summarized
    cross join raw_rows_summarized
)

select * from final
