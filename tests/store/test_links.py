"""Stored links: written after every ingest batch and re-extract, one transaction per region, and
read by ``track``/``follow`` with the same rows the on-the-fly computation gives — on both backends.

Corpus: the 20 national reports (one chain, 000000) and the 5 seeds (one report per region).
"""

from __future__ import annotations

import pytest
from sqlalchemy import delete, func, select

from luoshi.service import follow, track, track_row_to_dict
from luoshi.store import links as store_links
from luoshi.store.ingest import ingest_paths
from luoshi.store.links import is_current, relink, stale_regions
from luoshi.store.reextract import reextract_all
from luoshi.store.schema import LinkedRegionRow, LinkRow, ReportRow, TaskLinkRow
from tests.store.conftest import NATIONAL


@pytest.fixture(scope="module")
def store(corpus_store):
    return corpus_store


def _codes(engine) -> list[str]:
    with engine.connect() as connection:
        return sorted(connection.scalars(select(ReportRow.region_code).distinct()
                                         .where(ReportRow.region_code.is_not(None))))


def _links(engine) -> list[tuple]:
    """Every stored link and task link without ids: what a relink must reproduce."""
    with engine.connect() as connection:
        found = [tuple(r) for r in connection.execute(
            select(LinkRow.region_code, LinkRow.indicator, LinkRow.measure, LinkRow.tier,
                   LinkRow.period_year, LinkRow.target_fact_id, LinkRow.outcome_fact_id,
                   LinkRow.verdict, LinkRow.delta, LinkRow.flags, LinkRow.assessments)
            .order_by(LinkRow.region_code, LinkRow.id))]
        found += [tuple(r) for r in connection.execute(
            select(TaskLinkRow.task_id, TaskLinkRow.matched_report_id, TaskLinkRow.start,
                   TaskLinkRow.end, TaskLinkRow.score)
            .order_by(TaskLinkRow.region_code, TaskLinkRow.id))]
    return found


def test_ingest_links_every_region(store) -> None:
    codes = _codes(store)
    assert "000000" in codes and "420106" in codes  # national; seed 003 武汉市武昌区
    with store.connect() as connection:
        assert all(is_current(connection, code) for code in codes)
        assert stale_regions(connection) == []
        per_region = dict(connection.execute(
            select(LinkRow.region_code, func.count(LinkRow.id)).group_by(LinkRow.region_code)).all())
        task_links = connection.scalar(select(func.count(TaskLinkRow.id))
                                       .where(TaskLinkRow.region_code == "000000"))
    assert per_region["000000"] > 20 and task_links > 100


def test_stored_gdp_2005_link(store) -> None:
    # national-2005.txt "国内生产总值增长8%左右"; national-2006.txt "比上年增长9.9%"
    rows = [track_row_to_dict(r) for r in track(store, "national", indicator="gdp")
            if r.period_year == 2005 and r.measure == "growth" and r.tier == "base"]
    [row] = rows
    assert row["verdict"] == "exceeded" and "9.9%" in row["outcome"]["quote"]
    assert row["outcome"]["report"].endswith("national-2006.txt")


@pytest.mark.parametrize("indicator", [None, "gdp", "cpi"])
def test_track_stored_equals_on_the_fly(store, indicator) -> None:
    for code in _codes(store):
        stored = track(store, code, indicator=indicator)
        computed = track(store, code, indicator=indicator, use_stored=False)
        assert stored == computed, code
    assert track(store, "national", indicator=indicator)  # not vacuous: national has rows


@pytest.mark.parametrize(("year", "min_score"), [(None, None), (2005, None), (None, 0.5),
                                                 (2009, 0.0)])
def test_follow_stored_equals_on_the_fly(store, year, min_score) -> None:
    stored = follow(store, "national", year=year, min_score=min_score)
    assert stored == follow(store, "national", year=year, min_score=min_score, use_stored=False)
    assert any(r.sentence for r in stored)
    if min_score == 0.5:
        assert all(r.score >= 0.5 for r in stored if r.sentence)
        assert any(r.sentence is None and r.score > 0 for r in stored)


def test_ingest_again_leaves_links_alone(store) -> None:
    before = _links(store)
    summary = ingest_paths(store, NATIONAL[:3], workers=1)
    assert summary.relinked == [] and _links(store) == before


def test_relink_is_idempotent(store) -> None:
    before = _links(store)
    with store.connect() as connection:
        ids_before = connection.scalars(select(LinkRow.id).where(LinkRow.region_code == "000000")
                                        .order_by(LinkRow.id)).all()
    assert relink(store, ["000000"]) == ["000000"]
    assert _links(store) == before
    with store.connect() as connection:
        ids_after = connection.scalars(select(LinkRow.id).where(LinkRow.region_code == "000000")
                                       .order_by(LinkRow.id)).all()
    assert set(ids_after).isdisjoint(ids_before)  # replaced, not kept


def test_failed_relink_keeps_the_old_links(store, monkeypatch) -> None:
    before = _links(store)

    def fail(*_args, **_kwargs):
        raise RuntimeError("connection lost (injected)")

    monkeypatch.setattr(store_links, "_task_link_values", fail)
    with pytest.raises(RuntimeError, match="injected"):
        relink(store, ["000000"])
    assert _links(store) == before
    with store.connect() as connection:
        assert is_current(connection, "000000")


def test_region_without_current_links_is_computed_then_relinked(store) -> None:
    expected = track(store, "national", indicator="gdp")
    with store.begin() as connection:
        connection.execute(delete(LinkedRegionRow).where(LinkedRegionRow.region_code == "000000"))
    with store.connect() as connection:
        assert stale_regions(connection) == ["000000"]
    assert track(store, "national", indicator="gdp") == expected  # on the fly meanwhile
    summary = ingest_paths(store, [], workers=1)  # the next ingest (even an empty one) relinks
    assert summary.relinked == ["000000"]
    with store.connect() as connection:
        assert is_current(connection, "000000")
    assert track(store, "national", indicator="gdp") == expected


def test_reextract_relinks(store) -> None:
    before = track(store, "national")
    reextract_all(store)
    with store.connect() as connection:
        assert stale_regions(connection) == []
    after = track(store, "national")
    assert [track_row_to_dict(r) for r in after] == [track_row_to_dict(r) for r in before]
    assert after == track(store, "national", use_stored=False)
