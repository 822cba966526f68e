{#-
    The rules a raw row can break (docs/data-contract.md, "Invalid rows"): rule code -> the rule in
    words. The staging and intermediate models record each broken rule in `problems`;
    `invalid_rows` publishes one row per (raw row, broken rule) with these words as its reason.
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
        'invalid_format': 'not in the required format (topic_code: lower-case letters, digits and _)',
        'orphan_topic': 'refers to a topic that is not in topics',
        'invalid_topic': 'refers to a topic whose own row is invalid',
        'no_region_level': 'a topic value needs a province code or a code in one of the 337 cities (a county-level unit administered by its province has neither)',
    }) }}
{% endmacro %}
