{#-
    fct_rank_uncertainty has a row for every row of fct_index (and no other), and each region's
    rank distribution in int_rank_uncertainty_simulated counts exactly `draws` draws with ranks
    from 1 to the number of regions. Fails with each region where that is not so.
-#}
with

fct_index as (
    select * from {{ ref('fct_index') }}
),

fct_rank_uncertainty as (
    select * from {{ ref('fct_rank_uncertainty') }}
),

int_rank_uncertainty_simulated as (
    select * from {{ ref('int_rank_uncertainty_simulated') }}
),

regions_counted as (
    select
        edition,
        region_level,
        count(*) as region_count
    from fct_index
    group by edition, region_level
),

distributions_checked as (
    select
        int_rank_uncertainty_simulated.edition,
        int_rank_uncertainty_simulated.region_level,
        int_rank_uncertainty_simulated.region_code,
        sum(int_rank_uncertainty_simulated.draw_count) as counted_draws,
        max(int_rank_uncertainty_simulated.draws) as draws,
        min(int_rank_uncertainty_simulated.total_rank) as best_rank,
        max(int_rank_uncertainty_simulated.total_rank) as worst_rank,
        max(regions_counted.region_count) as region_count
    from int_rank_uncertainty_simulated
    left join regions_counted
        on int_rank_uncertainty_simulated.edition = regions_counted.edition
        and int_rank_uncertainty_simulated.region_level = regions_counted.region_level
    group by
        int_rank_uncertainty_simulated.edition,
        int_rank_uncertainty_simulated.region_level,
        int_rank_uncertainty_simulated.region_code
),

final as (
    select
        coalesce(fct_index.edition, fct_rank_uncertainty.edition) as edition,
        coalesce(fct_index.region_level, fct_rank_uncertainty.region_level) as region_level,
        coalesce(fct_index.region_code, fct_rank_uncertainty.region_code) as region_code,
        distributions_checked.counted_draws,
        distributions_checked.draws,
        distributions_checked.best_rank,
        distributions_checked.worst_rank
    from fct_index
    full outer join fct_rank_uncertainty
        on fct_index.edition = fct_rank_uncertainty.edition
        and fct_index.region_level = fct_rank_uncertainty.region_level
        and fct_index.region_code = fct_rank_uncertainty.region_code
    full outer join distributions_checked
        on coalesce(fct_index.edition, fct_rank_uncertainty.edition) = distributions_checked.edition
        and coalesce(fct_index.region_level, fct_rank_uncertainty.region_level)
            = distributions_checked.region_level
        and coalesce(fct_index.region_code, fct_rank_uncertainty.region_code)
            = distributions_checked.region_code
    where fct_index.region_code is null
        or fct_rank_uncertainty.region_code is null
        or distributions_checked.region_code is null
        or distributions_checked.counted_draws <> distributions_checked.draws
        or distributions_checked.best_rank < 1
        or distributions_checked.worst_rank > distributions_checked.region_count
)

select * from final
