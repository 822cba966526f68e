"""Policy terms (图4-5, the new-policy word cloud; docs/analyses.md §5).

For edition E, the titles of the policies issued in data year Y = E − 1 (both types) are
segmented with jieba, a Chinese word segmenter, with the project's domain dictionary (so that
数字化转型, 智能制造, 数据要素 … stay one term). A term is kept when it has at least two
characters, at least one letter (Chinese characters are letters: pure numbers and punctuation are
dropped) and is not a stop word; each policy counts a term once. Published: term, policy count,
and its rank (competition ranking, most policies first).

The dictionary and the stop words are seeds (seeds/topics/), so an analyst can change them.
jieba loads its dictionary once per process (about half a second).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable
from functools import cache

import pandas as pd

TERM_COLUMNS = ["edition", "term", "policy_count", "term_rank"]


@cache
def _tokenizer(dictionary: tuple[str, ...]):  # noqa: ANN202 - jieba has no type hints
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for word in dictionary:
        # A high frequency makes the segmenter keep the word whole.
        tokenizer.add_word(word, freq=100_000)
    return tokenizer


def is_term(word: str, stop_words: frozenset[str]) -> bool:
    """Whether a segmented word counts: two characters or more, a letter among them, no stop
    word."""
    word = word.strip()
    return len(word) >= 2 and any(ch.isalpha() for ch in word) and word not in stop_words


def title_terms(
    title: str, stop_words: frozenset[str], dictionary: tuple[str, ...] = ()
) -> set[str]:
    """The distinct terms of one title."""
    words = _tokenizer(tuple(sorted(set(dictionary)))).lcut(title or "")
    return {word.strip() for word in words if is_term(word, stop_words)}


def count_terms(
    policies: pd.DataFrame, stop_words: Iterable[str], dictionary: Iterable[str] = ()
) -> pd.DataFrame:
    """`policies` (edition, title; one row per policy issued in the edition's data year) →
    edition, term, policy_count, term_rank (1 = in the most policies; ties share a rank)."""
    stops = frozenset(word.strip() for word in stop_words if word and word.strip())
    words = tuple(sorted({word.strip() for word in dictionary if word and word.strip()}))
    rows = []
    for edition, titles in policies.groupby("edition", sort=True)["title"]:
        counts: Counter[str] = Counter()
        # Each distinct title is segmented once and its terms counted once per policy with it:
        # the same counts, and national-scale data repeat titles (216,608 policies, 47,077
        # distinct titles in the benchmark's data).
        for title, policy_count in titles.astype(str).value_counts(sort=False).items():
            counts.update(dict.fromkeys(title_terms(title, stops, words), policy_count))
        rows.extend((int(edition), term, count) for term, count in counts.items())
    frame = pd.DataFrame(rows, columns=TERM_COLUMNS[:3])
    frame["term_rank"] = (
        frame.groupby("edition")["policy_count"].rank(method="min", ascending=False).astype(int)
    )
    return frame.sort_values(["edition", "term_rank", "term"], ignore_index=True)
