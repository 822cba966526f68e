"""Policy terms (图4-5, docs/analyses.md §5): for each edition E, the terms of the titles of the
valid policies issued in data year E − 1, each counted once per policy, ranked.

A thin wrapper: the segmentation (jieba) and the counting are bdi/analysis/policy_terms.py; the
word lists are the seeds ref_policy_stop_words and ref_policy_term_dictionary. The names of the
regions (上海市, 上海, …, from ref_regions) are stop words too: a policy's issuer is not a topic.
"""

from bdi.analysis.policy_terms import count_terms


def model(dbt, session):  # noqa: ANN001, ANN201, ARG001 - dbt's Python-model signature
    dbt.config(materialized="table")
    editions = dbt.ref("int_editions_derived").project("edition").df()
    policies = dbt.ref("int_policies_validated")
    stop_words = dbt.ref("ref_policy_stop_words").df()
    dictionary = dbt.ref("ref_policy_term_dictionary").df()
    regions = dbt.ref("ref_regions").df()
    region_names = [*regions["region_name"], *regions["region_full_name"]]
    titles = (
        policies.filter("is_valid")
        .project("cast(year(issued_date) + 1 as integer) as edition, title")
        .df()
    )
    titles = titles[titles["edition"].isin(editions["edition"])]
    return count_terms(
        titles, [*stop_words["stop_word"], *region_names], dictionary["term"], worker=True
    )
