{#-
    In fct_rank_uncertainty, 1 ≤ rank_q05 ≤ median_rank ≤ rank_q95, the shares lie in [0, 1],
    tier_kept_share is null exactly where fct_index has no tier, and top20_share agrees with
    the interval: rank_q95 ≤ 20 means at least 95% of the draws are in the top 20, rank_q05 > 20
    fewer than 5%. Fails with each row that breaks one of these.
-#}
with

fct_rank_uncertainty as (
    select * from {{ ref('fct_rank_uncertainty') }}
),

fct_index as (
    select * from {{ ref('fct_index') }}
),

final as (
    select
        fct_rank_uncertainty.*,
        fct_index.tier
    from fct_rank_uncertainty
    inner join fct_index
        on fct_rank_uncertainty.edition = fct_index.edition
        and fct_rank_uncertainty.region_level = fct_index.region_level
        and fct_rank_uncertainty.region_code = fct_index.region_code
    where not (
        fct_rank_uncertainty.rank_q05 >= 1
        and fct_rank_uncertainty.rank_q05 <= fct_rank_uncertainty.median_rank
        and fct_rank_uncertainty.median_rank <= fct_rank_uncertainty.rank_q95
        and fct_rank_uncertainty.mean_abs_rank_shift >= 0
        and fct_rank_uncertainty.top20_share between 0 and 1
        and coalesce(fct_rank_uncertainty.tier_kept_share, 0) between 0 and 1
        and (fct_rank_uncertainty.tier_kept_share is null) = (fct_index.tier is null)
        and (fct_rank_uncertainty.rank_q05 <= 20 or fct_rank_uncertainty.top20_share < 0.05)
        and (fct_rank_uncertainty.rank_q95 > 20 or fct_rank_uncertainty.top20_share >= 0.95)
    )
)

select * from final
