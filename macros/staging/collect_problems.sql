{#-
    Every staging model keeps every raw row and adds `problems`: a list of
    {rule, column_name, raw_value} structs, one per broken contract rule (empty when the row is
    valid); the intermediate models add the rules that need other tables. checks: a list of
    (condition, rule, column_name) tuples, optionally with a fourth element, the expression of the
    raw value to keep (default: the column <column_name>_raw). Rule codes: invalid_row_rules().
-#}
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
            {%- for check in checks %}
            ({{ check[0] }}){{ ' or' if not loop.last }}
            {%- endfor %}
            then {{ bdi.duckdb__list_problems(checks) }}
        else []
    end
{%- endmacro %}

{% macro duckdb__list_problems(checks) -%}
    list_filter(
        [
            {%- for check in checks %}
            case
                when {{ check[0] }}
                    then {
                        'rule': '{{ check[1] }}',
                        'column_name': '{{ check[2] }}',
                        'raw_value': cast({{ check[3] if check | length > 3 else check[2] ~ '_raw' }} as varchar)
                    }
            end{{ ',' if not loop.last }}
            {%- endfor %}
        ],
        lambda problem: problem is not null
    )
{%- endmacro %}
