-- Every statement of fct_report_facts is a finished sentence and its numbers are consistent:
-- - no placeholder left ({…}) and no empty statement, in either language;
-- - value is null only where the fact compares with edition E - 1 and the warehouse has none
--   (top20_retained, largest_rank_rise, largest_rank_fall in the first edition or after a gap);
-- - previous_value is the value of the same fact, level and group in E - 1 (top_node_rank: the
--   region's rank in E - 1 in fct_node_scores; for the total, its published rank where E - 1
--   was published: fct_index.total_rank + total_rank_change_vs_published).
-- Returns every row that breaks one of these, with the reason.

with

fct_report_facts as (
    select * from {{ ref('fct_report_facts') }}
),

fct_node_scores as (
    select * from {{ ref('fct_node_scores') }}
),

fct_index as (
    select * from {{ ref('fct_index') }}
),

editions as (
    select distinct edition from fct_node_scores
),

facts_checked as (
    select
        facts.*,
        case
            when facts.fact_code = 'top_node_rank'
                then coalesce(
                    current_index.total_rank + current_index.total_rank_change_vs_published,
                    previous_ranks.score_rank
                )
            else previous_facts.value
        end as previous_expected,
        previous_editions.edition is not null as has_previous_edition
    from fct_report_facts as facts
    left join editions as previous_editions
        on facts.edition = previous_editions.edition + 1
    left join fct_report_facts as previous_facts
        on facts.edition = previous_facts.edition + 1
        and facts.fact_code = previous_facts.fact_code
        and facts.region_level = previous_facts.region_level
        and facts.group_code = previous_facts.group_code
    left join fct_node_scores as previous_ranks
        on facts.fact_code = 'top_node_rank'
        and facts.edition = previous_ranks.edition + 1
        and facts.region_level = previous_ranks.region_level
        and facts.group_code = previous_ranks.node_code || ':' || previous_ranks.region_code
    left join fct_index as current_index
        on facts.fact_code = 'top_node_rank'
        and facts.edition = current_index.edition
        and facts.region_level = current_index.region_level
        and facts.group_code = 'total:' || current_index.region_code
)

select edition, fact_code, region_level, group_code, 'placeholder left or empty' as problem
from facts_checked
where position('{' in statement_zh) > 0 or position('}' in statement_zh) > 0 or statement_zh = ''
    or position('{' in statement_en) > 0 or position('}' in statement_en) > 0 or statement_en = ''
union all
select edition, fact_code, region_level, group_code, 'value null'
from facts_checked
where value is null
    and not (
        fact_code in ('top20_retained', 'largest_rank_rise', 'largest_rank_fall')
        and not has_previous_edition
    )
union all
select edition, fact_code, region_level, group_code, 'previous_value not E - 1'
from facts_checked
where previous_value is distinct from previous_expected
