{#-
    The select list every report-fact model ends in (models/marts/facts/): the fact's key
    and numbers, and the codes and names its statement needs (the placeholders of
    ref_report_fact_templates). One list, so that int_report_facts_unioned can stack the models;
    a model passes the expressions it has, the rest are null.
-#}
{% macro report_fact_columns(
    fact_code,
    group_code,
    value,
    edition='edition',
    region_level='region_level',
    sort_key='0',
    value_decimals='0',
    detail='null',
    template_variant="'default'",
    previous_value='null',
    node_code='null',
    label_kind='null',
    label_code='null',
    region_zh='null',
    region_en='null',
    names_zh='null',
    names_en='null',
    exits_zh='null',
    exits_en='null',
    previous_names_zh='null',
    previous_names_en='null',
    share='null',
    share_of='null',
    region_rank='null',
    since='null'
) -%}
    cast({{ edition }} as integer) as edition,
    cast({{ fact_code }} as varchar) as fact_code,
    cast({{ region_level }} as varchar) as region_level,
    cast({{ group_code }} as varchar) as group_code,
    cast({{ sort_key }} as integer) as sort_key,
    cast({{ value }} as double) as value,
    cast({{ value_decimals }} as integer) as value_decimals,
    cast({{ detail }} as varchar) as detail,
    cast({{ template_variant }} as varchar) as template_variant,
    cast({{ previous_value }} as double) as previous_value_given,
    cast({{ node_code }} as varchar) as node_code,
    cast({{ label_kind }} as varchar) as label_kind,
    cast({{ label_code }} as varchar) as label_code,
    cast({{ region_zh }} as varchar) as region_zh,
    cast({{ region_en }} as varchar) as region_en,
    cast({{ names_zh }} as varchar) as names_zh,
    cast({{ names_en }} as varchar) as names_en,
    cast({{ exits_zh }} as varchar) as exits_zh,
    cast({{ exits_en }} as varchar) as exits_en,
    cast({{ previous_names_zh }} as varchar) as previous_names_zh,
    cast({{ previous_names_en }} as varchar) as previous_names_en,
    cast({{ share }} as double) as share,
    cast({{ share_of }} as integer) as share_of,
    cast({{ region_rank }} as integer) as region_rank,
    cast({{ since }} as integer) as since
{%- endmacro %}
