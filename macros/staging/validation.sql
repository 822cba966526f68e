{#-
    Validation helpers shared by the staging models.

    Every staging model keeps every raw row and adds `problems`: a list of
    {rule, column_name, raw_value} structs, one per broken contract rule (empty when the row is
    valid), and `is_valid`. The rule codes are listed in `invalid_row_rules()`; `invalid_rows`
    publishes one row per (raw row, broken rule).
-#}

{% macro invalid_row_rules() %}
    {{ return({
        'missing_value': 'a required value is empty',
        'unparseable_date': 'not a date (use YYYY-MM-DD; 2024/3/5 and 2024年3月5日 are also read)',
        'unparseable_number': 'not a number',
        'unparseable_boolean': 'not a boolean (true/false, 1/0, yes/no, 是/否)',
        'unknown_region': 'region code does not resolve to one of the 31 provinces / 337 cities',
        'duplicate_key': 'the key occurs more than once (every occurrence is invalid)',
        'orphan_reference': 'refers to an enterprise that is not in enterprises',
        'invalid_reference': 'refers to an enterprise whose own row is invalid',
        'negative_value': 'a value that must be >= 0 is negative',
        'non_positive_amount': 'amount must be > 0',
        'out_of_range': 'value outside the allowed range',
        'future_date': 'date after the date of the build',
        'end_before_start': 'end date before start date',
        'unknown_enum': 'value not in the allowed list',
    }) }}
{% endmacro %}


{#- checks: a list of (condition, rule, column_name) tuples; the raw text of column_name is kept. -#}
{% macro collect_problems(checks) %}
    {{ return(adapter.dispatch('collect_problems', 'bdi')(checks)) }}
{% endmacro %}

{#-
    The list is only built for rows that break at least one rule: building a struct per check and
    filtering the list costs more than the checks themselves, and almost every row is valid.
-#}
{% macro duckdb__collect_problems(checks) -%}
    case
        when
            {%- for condition, rule, column_name in checks %}
            ({{ condition }}){{ ' or' if not loop.last }}
            {%- endfor %}
            then {{ bdi.duckdb__list_problems(checks) }}
        else []
    end
{%- endmacro %}

{% macro duckdb__list_problems(checks) -%}
    list_filter(
        [
            {%- for condition, rule, column_name in checks %}
            case
                when {{ condition }}
                    then {
                        'rule': '{{ rule }}',
                        'column_name': '{{ column_name }}',
                        'raw_value': cast({{ column_name }}_raw as varchar)
                    }
            end{{ ',' if not loop.last }}
            {%- endfor %}
        ],
        lambda problem: problem is not null
    )
{%- endmacro %}


{#-
    Region resolution (data contract, "Resolving a region code"), as a select over `relation`
    that adds province_code, city_code and region_problem (null when the code resolves):
      1. province = first two digits + 0000, one of the 31 provinces;
      2. in a municipality the city is the municipality itself;
      3. a province code resolves to the province only;
      4. digits 3-4 = 90 (county-level unit administered by the province): province only;
      5. otherwise city = first four digits + 00, one of the 337 cities.
-#}
{% macro resolve_region(relation, code_column) %}
    select
        rows_to_resolve.*,
        provinces.region_code as province_code,
        case
            when provinces.is_municipality then provinces.region_code
            when {{ bdi.is_province_only_code('rows_to_resolve.' ~ code_column) }} then null
            else cities.region_code
        end as city_code,
        case
            when rows_to_resolve.{{ code_column }} is null then 'missing_value'
            when not regexp_full_match(rows_to_resolve.{{ code_column }}, '[0-9]{6}') then 'unknown_region'
            when provinces.region_code is null then 'unknown_region'
            when not provinces.is_municipality
                and not {{ bdi.is_province_only_code('rows_to_resolve.' ~ code_column) }}
                and cities.region_code is null
                then 'unknown_region'
        end as region_problem
    from {{ relation }} as rows_to_resolve
    left join {{ ref('ref_regions') }} as provinces
        on provinces.region_level = 'province'
        and provinces.region_code = substr(rows_to_resolve.{{ code_column }}, 1, 2) || '0000'
    left join {{ ref('ref_regions') }} as cities
        on cities.region_level = 'city'
        and cities.region_code = substr(rows_to_resolve.{{ code_column }}, 1, 4) || '00'
{% endmacro %}

{% macro is_province_only_code(code) -%}
    (substr({{ code }}, 3, 4) = '0000' or substr({{ code }}, 3, 2) = '90')
{%- endmacro %}


{# The date of the build: var build_date (YYYY-MM-DD) or today. #}
{% macro build_date() -%}
    {%- set configured = var('build_date', '') | string | trim -%}
    {%- if configured -%}
        date '{{ configured }}'
    {%- else -%}
        current_date
    {%- endif -%}
{%- endmacro %}


{% macro invalid_rows_allowed() %}
    {{ return((var('allow_invalid_rows', '0') | string | trim | lower) in ['1', 'true', 'yes', 'y', 'on']) }}
{% endmacro %}



{#-
    For tables that refer to an enterprise (enterprise_annual, financing_events): a select over
    `relation` that adds has_enterprise, is_enterprise_valid and the enterprise's province_code
    and city_code. An enterprise id that occurs twice in enterprises is invalid, so it is never
    valid here either.
-#}
{% macro attach_enterprise(relation) %}
    select
        rows_to_attach.*,
        enterprises.enterprise_id is not null as has_enterprise,
        coalesce(enterprises.is_valid, false) as is_enterprise_valid,
        enterprises.province_code,
        enterprises.city_code
    from {{ relation }} as rows_to_attach
    left join (
        select
            enterprise_id,
            bool_and(is_valid) as is_valid,
            any_value(province_code) as province_code,
            any_value(city_code) as city_code
        from {{ ref('stg_raw__enterprises') }}
        group by enterprise_id
    ) as enterprises
        on rows_to_attach.enterprise_id = enterprises.enterprise_id
{% endmacro %}
