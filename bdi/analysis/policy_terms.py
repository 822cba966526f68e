"""Policy terms (图4-5, the new-policy word cloud; docs/analyses.md §5).

For edition E, the titles of the policies issued in data year Y = E − 1 (both types) are
segmented with jieba, a Chinese word segmenter, with the project's domain dictionary (so that
数字化转型, 智能制造, 数据要素 … stay one term). A term is kept when it has at least two
characters, at least one letter (Chinese characters are letters: pure numbers and punctuation are
dropped) and is not a stop word; each policy counts a term once. Published: term, policy count,
and its rank (competition ranking, most policies first).

The dictionary and the stop words are seeds (seeds/topics/), so an analyst can change them.

jieba is pure Python: its dictionary load (about a second) and the segmentation hold the
interpreter lock for as long as they run. dbt runs every node of a build in threads of one
process, so in a build (`worker=True`) the distinct titles are segmented in a child process,
``python -m bdi.analysis.policy_terms``, and the build's other nodes go on beside it (a
national-scale build: 47,077 distinct titles, about 9 s of segmentation).
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
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


def segment_titles(
    titles: list[str], stop_words: frozenset[str], dictionary: tuple[str, ...]
) -> list[set[str]]:
    """The distinct terms of each title, in this process."""
    return [title_terms(title, stop_words, dictionary) for title in titles]


def segment_titles_in_worker(
    titles: list[str], stop_words: frozenset[str], dictionary: tuple[str, ...]
) -> list[set[str]]:
    """segment_titles in a child process (`python -m bdi.analysis.policy_terms`, JSON through
    its stdin and stdout): the same terms, without holding this process's interpreter lock."""
    request = {"titles": titles, "stop_words": sorted(stop_words), "dictionary": list(dictionary)}
    worker = subprocess.run(
        [sys.executable, "-m", "bdi.analysis.policy_terms"],
        input=json.dumps(request, ensure_ascii=False).encode("utf-8"),
        capture_output=True,
        check=False,
    )
    if worker.returncode != 0:
        raise RuntimeError(
            f"the policy-term segmentation of {len(titles):,} titles failed in its worker process "
            f"(`{sys.executable} -m bdi.analysis.policy_terms`, exit {worker.returncode}):\n"
            f"{worker.stderr.decode('utf-8', 'replace')[-4000:]}"
        )
    return [set(terms) for terms in json.loads(worker.stdout.decode("utf-8"))]


def count_terms(
    policies: pd.DataFrame,
    stop_words: Iterable[str],
    dictionary: Iterable[str] = (),
    *,
    worker: bool = False,
) -> pd.DataFrame:
    """`policies` (edition, title; one row per policy issued in the edition's data year) →
    edition, term, policy_count, term_rank (1 = in the most policies; ties share a rank).
    worker=True segments in a child process (segment_titles_in_worker)."""
    stops = frozenset(word.strip() for word in stop_words if word and word.strip())
    words = tuple(sorted({word.strip() for word in dictionary if word and word.strip()}))
    # Each distinct title is segmented once and its terms counted once per policy with it: the
    # same counts, and national-scale data repeat titles (216,608 policies, 47,077 distinct
    # titles in the benchmark's data).
    policy_counts = (
        policies.assign(title=policies["title"].astype(str))
        .groupby(["edition", "title"], sort=True)
        .size()
    )
    titles = sorted(set(policy_counts.index.get_level_values("title")))
    segment = segment_titles_in_worker if worker and titles else segment_titles
    terms_of = dict(zip(titles, segment(titles, stops, words), strict=True))
    counts: Counter[tuple[int, str]] = Counter()
    for (edition, title), policy_count in policy_counts.items():
        counts.update({(int(edition), term): policy_count for term in terms_of[title]})
    frame = pd.DataFrame(
        [(edition, term, count) for (edition, term), count in counts.items()],
        columns=TERM_COLUMNS[:3],
    )
    frame["term_rank"] = (
        frame.groupby("edition")["policy_count"].rank(method="min", ascending=False).astype(int)
    )
    return frame.sort_values(["edition", "term_rank", "term"], ignore_index=True)


def _serve() -> None:
    """The worker: a JSON request on stdin, the terms of each title (a list per title) on
    stdout."""
    request = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    terms = segment_titles(
        request["titles"], frozenset(request["stop_words"]), tuple(request["dictionary"])
    )
    answer = json.dumps([sorted(title_terms) for title_terms in terms], ensure_ascii=False)
    sys.stdout.buffer.write(answer.encode("utf-8"))


if __name__ == "__main__":
    _serve()
