"""Matching the tasks of report N to what report N+1's review says about them.

A pure step: tasks (with their text) and the review text of the next report in, for each task the
most similar review sentence and a score out. Similarity is the cosine of TF-IDF weighted
character-bigram vectors: Chinese has no spaces, and a task ("全部免征牧业税") and its account a
year later ("全国取消了牧业税") share short character runs rather than words; IDF is computed over
the review's sentences, so genre words that occur everywhere ("加强", "推进", "工作") weigh little.
No model, no download, deterministic.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from luoshi.models import Task

#: Sentence ends in normalized text (half-width ! ? ; after normalization), and paragraph breaks.
SENTENCE_END = re.compile(r"[^。!?;\n]+[。!?;]?")
#: Characters that carry meaning in a bigram: CJK ideographs, Latin letters and digits.
CONTENT = re.compile(r"[\u4e00-\u9fff0-9A-Za-z]")
#: Below this cosine a task is reported without a match. Hand-checked on national 2005 -> 2006:
#: "全部免征牧业税" meets "…全国取消了牧业税" at 0.57, "加快减免农业税步伐" the same sentence at 0.21;
#: unrelated sentences sharing one phrase ("中央财政…支出") also reach 0.2-0.25, so scores under
#: ~0.3 are leads to read, not findings.
MIN_SCORE = 0.2
#: Sentences shorter than this (headings, "各位代表!") are not candidates.
MIN_SENTENCE_CHARS = 6


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the normalized text: ``text == full_text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class TaskMatch:
    task: Task
    sentence: Sentence | None  # None when no sentence scores at least ``min_score``
    score: float  # cosine similarity of the best sentence, 0..1 (also when below min_score)


def split_sentences(text: str, spans: Iterable[tuple[int, int]] | None = None) -> list[Sentence]:
    """Sentences of ``text`` inside ``spans`` (default: all of it), stripped, with offsets."""
    ranges = [(0, len(text))] if spans is None else sorted(spans)
    found = []
    for start, end in ranges:
        for m in SENTENCE_END.finditer(text, start, end):
            raw = m.group()
            lead = len(raw) - len(raw.lstrip())
            body = raw.strip()
            if len(CONTENT.findall(body)) >= MIN_SENTENCE_CHARS:
                found.append(Sentence(m.start() + lead, m.start() + lead + len(body), body))
    return found


def bigrams(text: str) -> Counter[str]:
    """Counts of adjacent content-character pairs (punctuation breaks a pair)."""
    counts: Counter[str] = Counter()
    for a, b in pairwise(text):
        if CONTENT.match(a) and CONTENT.match(b):
            counts[a + b] += 1
    return counts


def _idf(documents: Sequence[Counter[str]]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for doc in documents:
        df.update(doc.keys())
    n = len(documents)
    return {gram: math.log((1 + n) / (1 + count)) + 1.0 for gram, count in df.items()}


def _vector(counts: Counter[str], idf: dict[str, float], default: float) -> dict[str, float]:
    weights = {g: c * idf.get(g, default) for g, c in counts.items()}
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {g: w / norm for g, w in weights.items()}


def match_tasks(
    tasks: Sequence[Task], sentences: Sequence[Sentence], *, min_score: float = MIN_SCORE
) -> list[TaskMatch]:
    """For each task (in order) the most similar sentence and its cosine score.

    Ties go to the earlier sentence. A task whose best score is below ``min_score`` gets
    ``sentence=None`` (with the best score still reported).
    """
    counts = [bigrams(s.text) for s in sentences]
    idf = _idf(counts)
    unseen = math.log(1 + len(sentences)) + 1.0  # a bigram in no sentence: the rarest weight
    vectors = [_vector(c, idf, unseen) for c in counts]
    index: dict[str, list[tuple[int, float]]] = {}
    for i, vector in enumerate(vectors):
        for gram, weight in vector.items():
            index.setdefault(gram, []).append((i, weight))
    return [_best(task, _vector(bigrams(task.text), idf, unseen), index, sentences, min_score)
            for task in tasks]


def _best(task: Task, query: dict[str, float], index: dict[str, list[tuple[int, float]]],
          sentences: Sequence[Sentence], min_score: float) -> TaskMatch:
    scores: dict[int, float] = {}
    for gram, weight in query.items():
        for i, w in index.get(gram, ()):
            scores[i] = scores.get(i, 0.0) + weight * w
    if not scores:
        return TaskMatch(task, None, 0.0)
    best = min(scores, key=lambda i: (-scores[i], i))
    score = round(scores[best], 6)
    return TaskMatch(task, sentences[best] if score >= min_score else None, score)
