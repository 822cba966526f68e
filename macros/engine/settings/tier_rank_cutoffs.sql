{#-
    var('tier_rank_cutoffs') as a mapping {'city': [...], 'province': [...]} of ascending rank
    cutoffs (docs/methodology.md §7: tier t holds the ranks r with cutoff[t−1] < r ≤ cutoff[t]).
    Accepted forms of the var: a mapping per level, e.g. {city: [5, 10, 18], province: [6]}; a
    plain list, e.g. [5, 10, 18], meaning the same cutoffs for both levels; either as YAML text
    (as `--vars` or an env variable may pass it), or "5,10,18". Anything else stops the build.
-#}
{% macro tier_rank_cutoffs() %}
    {%- set levels = ['city', 'province'] -%}
    {%- set setting = var('tier_rank_cutoffs') -%}
    {%- set problem = "Invalid tier_rank_cutoffs " ~ setting -%}
    {%- set usage = " Give ascending ranks >= 1 per level, e.g. {city: [5, 10, 18], province: [6]},"
        ~ " or one list for both levels, e.g. [5, 10, 18]." -%}
    {%- if setting is string -%}
        {%- set setting = fromyaml(setting) -%}
        {%- if setting is string -%}
            {%- set setting = setting.split(',') -%}
        {%- elif setting is number -%}
            {%- set setting = [setting] -%}
        {%- endif -%}
    {%- endif -%}
    {%- if setting is mapping -%}
        {%- set per_level = setting -%}
    {%- elif setting is iterable and setting is not string -%}
        {%- set per_level = {'city': setting, 'province': setting} -%}
    {%- else -%}
        {{ exceptions.raise_compiler_error(problem ~ "." ~ usage) }}
    {%- endif -%}
    {%- if per_level.keys() | map('string') | sort | list != levels -%}
        {{ exceptions.raise_compiler_error(
            problem ~ ": give cutoffs for exactly city and province." ~ usage
        ) }}
    {%- endif -%}
    {%- set cutoffs = {} -%}
    {%- for level in levels -%}
        {%- set ranks = per_level[level] -%}
        {%- if ranks is string -%}
            {%- set ranks = ranks.split(',') -%}
        {%- elif ranks is number or ranks is not iterable -%}
            {%- set ranks = [ranks] -%}
        {%- endif -%}
        {%- set parsed = [] -%}
        {%- for rank in ranks -%}
            {%- if not modules.re.fullmatch('[0-9]+', rank | string | trim) -%}
                {{ exceptions.raise_compiler_error(
                    problem ~ ": '" ~ rank ~ "' is not a rank." ~ usage
                ) }}
            {%- endif -%}
            {%- do parsed.append(rank | string | trim | int) -%}
        {%- endfor -%}
        {%- if parsed | length == 0 or parsed[0] < 1 -%}
            {{ exceptions.raise_compiler_error(
                problem ~ ": " ~ level ~ " needs ranks >= 1." ~ usage
            ) }}
        {%- endif -%}
        {%- for position in range(1, parsed | length) -%}
            {%- if parsed[position] <= parsed[position - 1] -%}
                {{ exceptions.raise_compiler_error(
                    problem ~ ": the " ~ level ~ " cutoffs must be strictly ascending." ~ usage
                ) }}
            {%- endif -%}
        {%- endfor -%}
        {%- do cutoffs.update({level: parsed}) -%}
    {%- endfor -%}
    {{ return(cutoffs) }}
{% endmacro %}
