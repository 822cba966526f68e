-- fct_index's rank change of each dimension = its rank in edition E - 1 minus its rank in E,
-- recounted from fct_index's own rank columns; null exactly when E - 1 was not computed.

with

index_values as (
    select * from {{ ref('fct_index') }}
),

editions_computed as (
    select distinct edition from index_values
),

changes_unpivoted as (
    {%- for node_code in ['industry_level', 'industry_innovation', 'industry_environment'] %}
    select
        current_edition.edition,
        current_edition.region_level,
        current_edition.region_code,
        '{{ node_code }}' as node_code,
        current_edition.{{ node_code }}_rank_change as rank_change,
        previous_edition.{{ node_code }}_rank - current_edition.{{ node_code }}_rank
            as expected_rank_change,
        previous_editions.edition is not null as has_previous_edition
    from index_values as current_edition
    left join index_values as previous_edition
        on previous_edition.edition = current_edition.edition - 1
        and previous_edition.region_level = current_edition.region_level
        and previous_edition.region_code = current_edition.region_code
    left join editions_computed as previous_editions
        on previous_editions.edition = current_edition.edition - 1
    {{ 'union all' if not loop.last }}
    {%- endfor %}
)

select *
from changes_unpivoted
where (has_previous_edition and expected_rank_change is null)
    or rank_change is distinct from expected_rank_change
