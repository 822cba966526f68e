{#- The select behind the view of an absent optional raw table: its columns as text and
    source_row, no row. -#}
{% macro empty_raw_table_select(columns) %}
    {%- set lines = [] -%}
    {%- for column in columns -%}
        {%- do lines.append('cast(null as varchar) as ' ~ column) -%}
    {%- endfor -%}
    {%- do lines.append('cast(null as bigint) as source_row') -%}
    {{ return('select\n    ' ~ lines | join(',\n    ') ~ '\nwhere false') }}
{% endmacro %}
