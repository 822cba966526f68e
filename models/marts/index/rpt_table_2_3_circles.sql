{#- 表2-3: each economic circle's rank in the total and each dimension, with rank change. -#}

with

circle_scores as (
    select * from {{ ref('fct_circle_scores') }}
),

final as (
    select
        edition,
        circle_code,
        circle_name,
        max(member_count) as member_count,
        {%- for node_code in ['total', 'industry_level', 'industry_innovation', 'industry_environment'] %}
        max(case when node_code = '{{ node_code }}' then score end) as {{ node_code }}_score,
        max(case when node_code = '{{ node_code }}' then score_rank end) as {{ node_code }}_rank,
        max(case when node_code = '{{ node_code }}' then rank_change end)
            as {{ node_code }}_rank_change{{ ',' if not loop.last }}
        {%- endfor %}
    from circle_scores
    group by edition, circle_code, circle_name
)

select * from final
