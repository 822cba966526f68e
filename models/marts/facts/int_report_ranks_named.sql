{#-
    The ranks the report facts talk about, from the public tables: every region's rank and rank
    change on the total and the three dimensions (fct_node_scores), with its names,
    macro-region (dim_regions), tier and, for the total, the rank change against the published
    previous edition (fct_index).
-#}

with

fct_node_scores as (
    select * from {{ ref('fct_node_scores') }}
),

fct_index as (
    select * from {{ ref('fct_index') }}
),

dim_regions as (
    select * from {{ ref('dim_regions') }}
),

dim_indicator_tree as (
    select * from {{ ref('dim_indicator_tree') }}
),

final as (
    select
        fct_node_scores.edition,
        fct_node_scores.region_level,
        fct_node_scores.region_code,
        fct_node_scores.node_code,
        fct_node_scores.score_rank,
        fct_node_scores.rank_change,
        -- the total's rank change against the published previous edition (null unless published)
        case
            when fct_node_scores.node_code = 'total' then fct_index.total_rank_change_vs_published
        end as rank_change_vs_published,
        fct_index.tier,
        dim_regions.region_name,
        dim_regions.region_name_en,
        dim_regions.macro_region
    from fct_node_scores
    inner join dim_indicator_tree
        on fct_node_scores.node_code = dim_indicator_tree.node_code
    inner join dim_regions
        on fct_node_scores.region_level = dim_regions.region_level
        and fct_node_scores.region_code = dim_regions.region_code
    inner join fct_index
        on fct_node_scores.edition = fct_index.edition
        and fct_node_scores.region_level = fct_index.region_level
        and fct_node_scores.region_code = fct_index.region_code
    where dim_indicator_tree.node_level <= 1
)

select * from final
