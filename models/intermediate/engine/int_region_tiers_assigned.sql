{#-
    Tiers (梯队, docs/methodology.md §7) per (edition, region_level) on the total score, by the
    method of var('tier_method'):

    rank_cutoffs (default): tier t holds the regions whose total rank r satisfies
        cutoff[t-1] < r <= cutoff[t], with the cutoffs of the region's level from
        var('tier_rank_cutoffs') (default cities 5, 10, 18; provinces 6). Regions tied at a
        cutoff share its tier, since ties share a rank.
    jenks: the regions with total rank <= tier_top_n, in rank order (ties by region_code), are
        split into tier_count contiguous groups minimising the total within-group sum of squared
        deviations: exact Fisher–Jenks natural breaks by Fisher's dynamic programme. For
        g = 1 … tier_count, partitions_<g> keeps, for every position p, the best split of
        positions 1 … p into g groups (one CTE per g, generated from the var: no recursion,
        O(tier_count · n²) rows).
        Determinism:
          * a break never separates regions with the same rank (tied scores share a tier), so
            with fewer distinct ranks than tier_count there are only as many tiers as ranks;
          * costs are compared after rounding to 9 decimals; among equal costs the partition
            with the smallest first tier wins, then the smallest second tier, … (the group ends
            are carried as fixed-width text, '0001-0005-0020', and compared as strings).

    Regions outside every tier get tier null. One row per (edition, region_level, region_code).
-#}

{%- set tier_method = bdi.tier_method() -%}
{%- set cutoffs = bdi.tier_rank_cutoffs() -%}
{%- set top_n = var('tier_top_n') | int -%}
{%- set tier_count = var('tier_count') | int -%}
{%- if top_n < 1 or top_n > 9999 or tier_count < 1 -%}
    {{ exceptions.raise_compiler_error(
        "Tier settings: tier_top_n must be 1–9999 and tier_count >= 1, not "
        ~ var('tier_top_n') ~ " and " ~ var('tier_count') ~ "."
    ) }}
{%- endif %}

with

node_scores_ranked as (
    select * from {{ ref('int_node_scores_ranked') }}
),

total_scores as (
    select
        edition,
        region_level,
        region_code,
        score,
        score_rank
    from node_scores_ranked
    where node_code = 'total'
),

{%- if tier_method == 'jenks' %}

candidates_ordered as (
    select
        edition,
        region_level,
        region_code,
        score,
        score_rank,
        row_number() over (
            partition by edition, region_level
            order by score_rank, region_code
        ) as tier_position
    from total_scores
    where score_rank <= {{ top_n }}
),

groups_counted as (
    select
        edition,
        region_level,
        count(*) as candidate_count,
        least(count(distinct score_rank), {{ tier_count }}) as group_count
    from candidates_ordered
    group by edition, region_level
),

{#- a group may end at a position followed by a different rank, or at the last position #}
group_ends_allowed as (
    select
        candidates_ordered.edition,
        candidates_ordered.region_level,
        candidates_ordered.tier_position
    from candidates_ordered
    left join candidates_ordered as next_candidates
        on candidates_ordered.edition = next_candidates.edition
        and candidates_ordered.region_level = next_candidates.region_level
        and next_candidates.tier_position = candidates_ordered.tier_position + 1
    where next_candidates.tier_position is null
        or next_candidates.score_rank <> candidates_ordered.score_rank
),

group_starts_allowed as (
    select
        edition,
        region_level,
        1 as tier_position
    from groups_counted
    union all
    select
        edition,
        region_level,
        tier_position + 1 as tier_position
    from group_ends_allowed
),

segments_admissible as (
    select
        group_starts_allowed.edition,
        group_starts_allowed.region_level,
        group_starts_allowed.tier_position as start_position,
        group_ends_allowed.tier_position as end_position
    from group_starts_allowed
    inner join group_ends_allowed
        on group_starts_allowed.edition = group_ends_allowed.edition
        and group_starts_allowed.region_level = group_ends_allowed.region_level
        and group_ends_allowed.tier_position >= group_starts_allowed.tier_position
),

segments_averaged as (
    select
        segments_admissible.edition,
        segments_admissible.region_level,
        segments_admissible.start_position,
        segments_admissible.end_position,
        avg(candidates_ordered.score) as mean_score
    from segments_admissible
    inner join candidates_ordered
        on segments_admissible.edition = candidates_ordered.edition
        and segments_admissible.region_level = candidates_ordered.region_level
        and candidates_ordered.tier_position
            between segments_admissible.start_position and segments_admissible.end_position
    group by
        segments_admissible.edition,
        segments_admissible.region_level,
        segments_admissible.start_position,
        segments_admissible.end_position
),

segments_costed as (
    select
        segments_averaged.edition,
        segments_averaged.region_level,
        segments_averaged.start_position,
        segments_averaged.end_position,
        sum(
            (candidates_ordered.score - segments_averaged.mean_score)
            * (candidates_ordered.score - segments_averaged.mean_score)
        ) as squared_deviation
    from segments_averaged
    inner join candidates_ordered
        on segments_averaged.edition = candidates_ordered.edition
        and segments_averaged.region_level = candidates_ordered.region_level
        and candidates_ordered.tier_position
            between segments_averaged.start_position and segments_averaged.end_position
    group by
        segments_averaged.edition,
        segments_averaged.region_level,
        segments_averaged.start_position,
        segments_averaged.end_position
),

{#-
    Fisher's dynamic programme: partitions_<g> holds, per (edition, region_level, end_position),
    the best split of positions 1 … end_position into g groups; group_ends lists the last
    position of each group as fixed-width tokens.
#}
{%- for group_number in range(1, tier_count + 1) %}

partitions_{{ group_number }} as (
    {%- if group_number == 1 %}
    select
        edition,
        region_level,
        end_position,
        squared_deviation as total_squared_deviation,
        {{ bdi.tier_position_token('end_position') }} as group_ends
    from segments_costed
    where start_position = 1
    {%- else %}
    select
        edition,
        region_level,
        end_position,
        total_squared_deviation,
        group_ends
    from (
        select
            partitions_{{ group_number - 1 }}.edition,
            partitions_{{ group_number - 1 }}.region_level,
            segments_costed.end_position,
            partitions_{{ group_number - 1 }}.total_squared_deviation
                + segments_costed.squared_deviation as total_squared_deviation,
            partitions_{{ group_number - 1 }}.group_ends || '-'
                || {{ bdi.tier_position_token('segments_costed.end_position') }} as group_ends,
            row_number() over (
                partition by
                    partitions_{{ group_number - 1 }}.edition,
                    partitions_{{ group_number - 1 }}.region_level,
                    segments_costed.end_position
                order by
                    {{ bdi.round_double(
                        'partitions_' ~ (group_number - 1) ~ '.total_squared_deviation'
                        ~ ' + segments_costed.squared_deviation', 9) }},
                    partitions_{{ group_number - 1 }}.group_ends
            ) as path_rank
        from partitions_{{ group_number - 1 }}
        inner join segments_costed
            on partitions_{{ group_number - 1 }}.edition = segments_costed.edition
            and partitions_{{ group_number - 1 }}.region_level = segments_costed.region_level
            and segments_costed.start_position = partitions_{{ group_number - 1 }}.end_position + 1
    ) as extended_partitions
    where path_rank = 1
    {%- endif %}
),
{%- endfor %}

partitions_chosen as (
    {%- for group_number in range(1, tier_count + 1) %}
    select
        partitions_{{ group_number }}.edition,
        partitions_{{ group_number }}.region_level,
        partitions_{{ group_number }}.group_ends
    from partitions_{{ group_number }}
    inner join groups_counted
        on partitions_{{ group_number }}.edition = groups_counted.edition
        and partitions_{{ group_number }}.region_level = groups_counted.region_level
        and partitions_{{ group_number }}.end_position = groups_counted.candidate_count
        and groups_counted.group_count = {{ group_number }}
    {{ 'union all' if not loop.last }}
    {%- endfor %}
),

{#- tier = 1 + the number of group ends before the region's position #}
tiers_assigned as (
    select
        candidates_ordered.edition,
        candidates_ordered.region_level,
        candidates_ordered.region_code,
        1 + sum(
            case
                when earlier_candidates.tier_position < candidates_ordered.tier_position
                    and position(
                        {{ bdi.tier_position_token('earlier_candidates.tier_position') }}
                        in partitions_chosen.group_ends
                    ) > 0
                    then 1
                else 0
            end
        ) as tier
    from candidates_ordered
    inner join partitions_chosen
        on candidates_ordered.edition = partitions_chosen.edition
        and candidates_ordered.region_level = partitions_chosen.region_level
    inner join candidates_ordered as earlier_candidates
        on candidates_ordered.edition = earlier_candidates.edition
        and candidates_ordered.region_level = earlier_candidates.region_level
    group by
        candidates_ordered.edition,
        candidates_ordered.region_level,
        candidates_ordered.region_code
),

{%- else %}

tiers_assigned as (
    select
        edition,
        region_level,
        region_code,
        case region_level
            {%- for level, level_cutoffs in cutoffs.items() %}
            when '{{ level }}' then
                case
                    {%- for cutoff in level_cutoffs %}
                    when score_rank <= {{ cutoff }} then {{ loop.index }}
                    {%- endfor %}
                end
            {%- endfor %}
        end as tier
    from total_scores
),

{%- endif %}

final as (
    select
        total_scores.edition,
        total_scores.region_level,
        total_scores.region_code,
        total_scores.score_rank as total_rank,
        cast(tiers_assigned.tier as integer) as tier,
        '{{ tier_method }}' as tier_method
    from total_scores
    left join tiers_assigned
        on total_scores.edition = tiers_assigned.edition
        and total_scores.region_level = tiers_assigned.region_level
        and total_scores.region_code = tiers_assigned.region_code
)

select * from final
