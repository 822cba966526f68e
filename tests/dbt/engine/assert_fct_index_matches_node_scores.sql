-- fct_index is fct_node_scores pivoted (outputs.md): every score, rank and rank change of the
-- total and the three dimensions must agree, and neither table may have a region the other lacks.

with

index_values as (
    select * from {{ ref('fct_index') }}
),

node_scores as (
    select * from {{ ref('fct_node_scores') }}
),

index_unpivoted as (
    {%- for node_code in ['total', 'industry_level', 'industry_innovation', 'industry_environment'] %}
    select
        edition,
        region_level,
        region_code,
        '{{ node_code }}' as node_code,
        {{ node_code }}_score as score,
        {{ node_code }}_rank as score_rank,
        {{ 'total_rank_change' if node_code == 'total' else 'null' }} as rank_change
    from index_values
    {{ 'union all' if not loop.last }}
    {%- endfor %}
),

compared as (
    select
        coalesce(index_unpivoted.edition, node_scores.edition) as edition,
        coalesce(index_unpivoted.region_level, node_scores.region_level) as region_level,
        coalesce(index_unpivoted.region_code, node_scores.region_code) as region_code,
        coalesce(index_unpivoted.node_code, node_scores.node_code) as node_code,
        index_unpivoted.score as index_score,
        node_scores.score as node_score,
        index_unpivoted.score_rank as index_rank,
        node_scores.score_rank as node_rank,
        index_unpivoted.rank_change as index_rank_change,
        node_scores.rank_change as node_rank_change
    from index_unpivoted
    full outer join node_scores
        on index_unpivoted.edition = node_scores.edition
        and index_unpivoted.region_level = node_scores.region_level
        and index_unpivoted.region_code = node_scores.region_code
        and index_unpivoted.node_code = node_scores.node_code
    where node_scores.node_code is null
        or node_scores.node_code in ('total', 'industry_level', 'industry_innovation', 'industry_environment')
)

select *
from compared
where index_score is null
    or node_score is null
    or index_score <> node_score
    or index_rank <> node_rank
    or (node_code = 'total' and index_rank_change is distinct from node_rank_change)
