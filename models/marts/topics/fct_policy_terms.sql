{#-
    The terms of the titles of each edition's new policies (图4-5, docs/analyses.md §5): how many
    of the policies issued in the data year use the term, and its rank.
-#}
with

int_policy_terms_counted as (
    select * from {{ ref('int_policy_terms_counted') }}
),

final as (
    select
        cast(edition as integer) as edition,
        cast(term as varchar) as term,
        cast(policy_count as integer) as policy_count,
        cast(term_rank as integer) as term_rank
    from int_policy_terms_counted
)

select * from final
