-- Every economic circle has a score for every edition and node of levels 0–2, averaged over all
-- of its member cities (dim_circle_members): returns circles with missing nodes or members.

with

circle_scores as (
    select * from {{ ref('fct_circle_scores') }}
),

circle_members as (
    select * from {{ ref('dim_circle_members') }}
),

indicator_tree as (
    select * from {{ ref('dim_indicator_tree') }}
),

node_scores as (
    select * from {{ ref('fct_node_scores') }}
),

members_counted as (
    select
        circle_code,
        count(*) as expected_member_count
    from circle_members
    group by circle_code
),

editions_computed as (
    select distinct edition from node_scores
),

expected_rows as (
    select
        editions_computed.edition,
        members_counted.circle_code,
        indicator_tree.node_code,
        members_counted.expected_member_count
    from editions_computed
    cross join members_counted
    cross join indicator_tree
    where indicator_tree.node_level <= 2
)

select
    expected_rows.edition,
    expected_rows.circle_code,
    expected_rows.node_code,
    expected_rows.expected_member_count,
    circle_scores.member_count
from expected_rows
left join circle_scores
    on expected_rows.edition = circle_scores.edition
    and expected_rows.circle_code = circle_scores.circle_code
    and expected_rows.node_code = circle_scores.node_code
where circle_scores.member_count is distinct from expected_rows.expected_member_count
