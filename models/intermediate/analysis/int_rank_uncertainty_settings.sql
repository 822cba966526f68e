{#-
    The settings of the rank-uncertainty Monte Carlo (docs/analyses.md §2.2): var
    uncertainty_draws (env BDI_UNCERTAINTY_DRAWS, default 1000) and var uncertainty_seed (env
    BDI_UNCERTAINTY_SEED, default 2025), checked. A model rather than a config value because the
    Python model that runs the draws reads its settings through a ref.
-#}

{%- set draws = var('uncertainty_draws') | string | trim -%}
{%- set seed = var('uncertainty_seed') | string | trim -%}
{%- if not modules.re.fullmatch('[0-9]{1,7}', draws) or draws | int < 1 -%}
    {{ exceptions.raise_compiler_error(
        "uncertainty_draws must be a whole number from 1 to 9999999, not '" ~ draws ~ "'"
        ~ " (dbt --vars '{uncertainty_draws: 1000}' or BDI_UNCERTAINTY_DRAWS=1000)."
    ) }}
{%- endif -%}
{%- if not modules.re.fullmatch('[0-9]{1,18}', seed) -%}
    {{ exceptions.raise_compiler_error(
        "uncertainty_seed must be a whole number from 0 to 18 digits, not '" ~ seed ~ "'"
        ~ " (dbt --vars '{uncertainty_seed: 2025}' or BDI_UNCERTAINTY_SEED=2025)."
    ) }}
{%- endif %}

with

final as (
    select
        cast({{ draws | int }} as integer) as draws,
        cast({{ seed }} as bigint) as seed
)

select * from final
