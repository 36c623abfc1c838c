"""Tasks of the 2005 national report matched to the 2006 report's review of 2005."""

from __future__ import annotations

from pathlib import Path

import pytest

from luoshi.link.matching import bigrams, match_tasks, split_sentences
from luoshi.models import Task
from luoshi.pipeline import parse_path

NATIONAL = Path(__file__).resolve().parents[1] / "fixtures" / "national"


def task_from(text: str, quote: str) -> Task:
    start = text.index(quote)
    return Task(quote, None, (), None, (), "policy", "tasks", start, start + len(quote))


@pytest.fixture(scope="module")
def reports():
    return parse_path(NATIONAL / "national-2005.txt"), parse_path(NATIONAL / "national-2006.txt")


@pytest.fixture(scope="module")
def review(reports):
    later = reports[1]
    spans = [(s.start, s.end) for s in later.report.sections if s.kind == "review" and s.level == 1]
    return later.text.text, split_sentences(later.text.text, spans or None)


def test_sentences_keep_offsets(review) -> None:
    text, sentences = review
    assert len(sentences) > 50
    for s in sentences:
        assert text[s.start:s.end] == s.text


def test_task_meets_its_account_a_year_later(reports, review) -> None:
    text, sentences = review
    # national-2005.txt (tasks for 2005): "全部免征牧业税。"
    task = task_from(reports[0].text.text, "全部免征牧业税。")
    [match] = match_tasks([task], sentences)
    # national-2006.txt (review of 2005): "28个省(区、市)全部免征了农业税,全国取消了牧业税。"
    assert match.sentence is not None
    assert match.sentence.text == "28个省(区、市)全部免征了农业税,全国取消了牧业税。"
    assert text[match.sentence.start:match.sentence.end] == match.sentence.text
    assert match.score > 0.4


def test_unrelated_task_finds_nothing(review) -> None:
    _text, sentences = review
    task = Task("组织好第二十九届奥运会火炬传递", None, (), None, (), "policy", "tasks", 0, 15)
    [match] = match_tasks([task], sentences)
    assert match.sentence is None and match.score < 0.2


def test_bigrams_skip_punctuation() -> None:
    assert bigrams("免征,牧业税") == {"免征": 1, "牧业": 1, "业税": 1}
