{#-
    The report facts (docs/analyses.md §6): the counts and comparisons the report's text states,
    one row per (edition, fact_code, region_level, group_code), with a Chinese and an English
    statement rendered from the templates of ref_report_fact_templates and the labels of
    ref_report_fact_labels (seeds/report/).
-#}

with

int_report_facts_unioned as (
    select * from {{ ref('int_report_facts_unioned') }}
),

ref_report_fact_templates as (
    select * from {{ ref('ref_report_fact_templates') }}
),

ref_report_fact_labels as (
    select * from {{ ref('ref_report_fact_labels') }}
),

templates_chosen as (
    select
        facts.*,
        sentences.template_zh,
        sentences.template_en,
        coalesce(fact_changes.template_zh, default_changes.template_zh, '') as change_zh,
        coalesce(fact_changes.template_en, default_changes.template_en, '') as change_en,
        level_labels.label_zh as level_zh,
        level_labels.label_en as level_en,
        node_labels.label_zh as node_zh,
        node_labels.label_en as node_en,
        node_labels.sort_order as node_sort_order,
        group_labels.label_zh as group_zh,
        group_labels.label_en as group_en,
        group_labels.sort_order as group_sort_order
    from int_report_facts_unioned as facts
    left join ref_report_fact_templates as sentences
        on facts.fact_code = sentences.fact_code
        and facts.template_variant = sentences.variant
    left join ref_report_fact_templates as fact_changes
        on facts.fact_code = fact_changes.fact_code
        and fact_changes.variant = 'change:' || facts.change_direction
    left join ref_report_fact_templates as default_changes
        on default_changes.fact_code = '*'
        and default_changes.variant = 'change:' || facts.change_direction
    left join ref_report_fact_labels as level_labels
        on level_labels.label_kind = 'level'
        and facts.region_level = level_labels.label_code
    left join ref_report_fact_labels as node_labels
        on node_labels.label_kind = 'node'
        and facts.node_code = node_labels.label_code
    left join ref_report_fact_labels as group_labels
        on facts.label_kind = group_labels.label_kind
        and facts.label_code = group_labels.label_code
),

{#- A value as printed: value_decimals (0 or 1) decimals; '{x}' stands for the column. #}
{%- set number = "case value_decimals when 0 then " ~ format_number('{x}', 0)
    ~ " else " ~ format_number('{x}', 1) ~ " end" %}
{%- set shared = {
    'edition': 'cast(edition as varchar)',
    'previous_edition': 'cast(edition - 1 as varchar)',
    'value': number | replace('{x}', 'value'),
    'previous_value': number | replace('{x}', 'previous_value'),
    'delta': number | replace('{x}', 'abs(value - previous_value)'),
    'value_ordinal': ordinal_en('cast(value as integer)'),
    'previous_ordinal': ordinal_en('cast(previous_value as integer)'),
    'rank': 'cast(region_rank as varchar)',
    'rank_ordinal': ordinal_en('region_rank'),
    'share': format_number('share', 1) ~ " || '%'",
    'total': 'cast(share_of as varchar)',
    'since': 'cast(since as varchar)',
} %}
{%- set placeholders = {} %}
{%- for language in ['zh', 'en'] %}
    {%- set named = {
        'change': 'change_' ~ language,
        'level': 'level_' ~ language,
        'node': 'node_' ~ language,
        'group': 'group_' ~ language,
        'region': 'region_' ~ language,
        'names': 'names_' ~ language,
        'entries': 'names_' ~ language,
        'exits': 'exits_' ~ language,
        'previous_names': 'previous_names_' ~ language,
    } %}
    {%- do named.update(shared) %}
    {%- do placeholders.update({language: named}) %}
{%- endfor %}

statements_rendered as (
    select
        *,
        {{ render_template('template_zh', placeholders['zh']) }} as statement_zh,
        {{ render_template('template_en', placeholders['en']) }} as statement_en,
        row_number() over (
            partition by edition, fact_code, region_level
            order by node_sort_order nulls first, group_sort_order nulls first, sort_key, group_code
        ) as group_order
    from templates_chosen
),

final as (
    select
        cast(edition as integer) as edition,
        cast(fact_code as varchar) as fact_code,
        cast(region_level as varchar) as region_level,
        cast(group_code as varchar) as group_code,
        cast(group_order as integer) as group_order,
        cast(value as double) as value,
        cast(previous_value as double) as previous_value,
        cast(detail as varchar) as detail,
        cast(statement_zh as varchar) as statement_zh,
        cast(statement_en as varchar) as statement_en
    from statements_rendered
)

select * from final
