-- Economic circles (docs/methodology.md §8): score_mean × member_count = score_sum (up to
-- floating-point noise), `score` is exactly the value of the build's circle method, and
-- circle_method is that method. Returns every row that breaks this.

{%- set circle_method = bdi.circle_method() %}

with

circle_scores as (
    select * from {{ ref('fct_circle_scores') }}
)

select
    edition,
    circle_code,
    node_code,
    circle_method,
    member_count,
    score,
    score_sum,
    score_mean
from circle_scores
where abs(score_mean * member_count - score_sum) > 1e-9 * greatest(1, abs(score_sum))
    or score is distinct from score_{{ circle_method }}
    or circle_method <> '{{ circle_method }}'
