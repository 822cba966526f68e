{#-
    The statistical audit of the groups (docs/analyses.md §3), per (edition, region_level):
    computed by the Python model int_audit_groups_computed, published here with its contract.
-#}

with

audit_groups_computed as (
    select * from {{ ref('int_audit_groups_computed') }}
),

final as (
    select
        cast(edition as integer) as edition,
        cast(region_level as varchar) as region_level,
        cast(node_code as varchar) as node_code,
        cast(child_count as integer) as child_count,
        cast(cronbach_alpha as double) as cronbach_alpha,
        cast(mean_child_corr as double) as mean_child_corr,
        cast(pc1_share as double) as pc1_share,
        cast(collinear_pairs as integer) as collinear_pairs,
        cast(negative_pairs as integer) as negative_pairs
    from audit_groups_computed
)

select * from final
