{#-
    Parsing raw text into typed values. Every parser returns null for an empty value and for a value
    it cannot read; the staging models tell the two apart (`is_unparseable`) and record the latter
    as an invalid row. Raw values may arrive typed (Parquet) or as text (CSV, seeds): each parser
    accepts both.
-#}

{% macro clean_text(column) -%}
    nullif(trim(cast({{ column }} as varchar)), '')
{%- endmacro %}


{% macro parse_date(column) -%}
    {{ return(adapter.dispatch('parse_date', 'bdi')(column)) }}
{%- endmacro %}

{% macro default__parse_date(column) -%}
    cast({{ bdi.clean_text(column) }} as date)
{%- endmacro %}

{# ISO dates, plus the forms spreadsheets write: 2024/3/5, 2024.3.5 and 2024年3月5日. #}
{% macro duckdb__parse_date(column) -%}
    coalesce(
        try_cast({{ bdi.clean_text(column) }} as date),
        try_strptime({{ bdi.clean_text(column) }}, '%Y/%m/%d')::date,
        try_strptime({{ bdi.clean_text(column) }}, '%Y.%m.%d')::date,
        try_strptime({{ bdi.clean_text(column) }}, '%Y年%m月%d日')::date,
        try_cast({{ bdi.clean_text(column) }} as timestamp)::date
    )
{%- endmacro %}


{% macro parse_number(column) -%}
    {{ return(adapter.dispatch('parse_number', 'bdi')(column)) }}
{%- endmacro %}

{% macro default__parse_number(column) -%}
    cast({{ bdi.clean_text(column) }} as double)
{%- endmacro %}

{% macro duckdb__parse_number(column) -%}
    try_cast(replace({{ bdi.clean_text(column) }}, ',', '') as double)
{%- endmacro %}


{# Whole numbers only: 12 and 12.0 are read, 12.5 is not. #}
{% macro parse_integer(column) -%}
    case
        when {{ bdi.parse_number(column) }} = floor({{ bdi.parse_number(column) }})
            then cast({{ bdi.parse_number(column) }} as bigint)
    end
{%- endmacro %}


{% macro parse_boolean(column) -%}
    case lower({{ bdi.clean_text(column) }})
        when 'true' then true
        when 't' then true
        when '1' then true
        when 'yes' then true
        when 'y' then true
        when '是' then true
        when 'false' then false
        when 'f' then false
        when '0' then false
        when 'no' then false
        when 'n' then false
        when '否' then false
    end
{%- endmacro %}


{# A value is unparseable when the raw text is present but the parsed value is null. #}
{% macro is_unparseable(raw_column, parsed_column) -%}
    ({{ bdi.clean_text(raw_column) }} is not null and {{ parsed_column }} is null)
{%- endmacro %}
