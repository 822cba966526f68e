-- The build's own method in fct_method_scenarios is the index itself (docs/analyses.md §2.1):
-- every region of fct_index has that row, with the same total score and rank; and every
-- region has a row for each of the five methods.
with

method_scenarios as (
    select * from {{ ref('fct_method_scenarios') }}
),

fct_index as (
    select * from {{ ref('fct_index') }}
),

own_method as (
    select * from method_scenarios where is_build_method
),

mismatched as (
    select
        coalesce(fct_index.edition, own_method.edition) as edition,
        coalesce(fct_index.region_level, own_method.region_level) as region_level,
        coalesce(fct_index.region_code, own_method.region_code) as region_code,
        'differs from fct_index' as problem
    from fct_index
    full outer join own_method
        on fct_index.edition = own_method.edition
        and fct_index.region_level = own_method.region_level
        and fct_index.region_code = own_method.region_code
    where own_method.region_code is null
        or fct_index.region_code is null
        or abs(fct_index.total_score - own_method.total_score) > 1e-9
        or fct_index.total_rank <> own_method.total_rank
),

incomplete as (
    select edition, region_level, region_code, 'not under all five methods' as problem
    from method_scenarios
    group by edition, region_level, region_code
    having count(distinct weighting_method) <> 5
)

select * from mismatched
union all
select * from incomplete
