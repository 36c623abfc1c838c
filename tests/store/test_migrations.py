"""Migrations: apply on an empty database, are idempotent, and create the full-text index."""

from __future__ import annotations

from sqlalchemy import inspect, text

from luoshi.store.db import open_engine, upgrade
from tests.store.conftest import TABLES, row_counts


def _revision(engine) -> str:
    with engine.connect() as connection:
        return connection.scalar(text("SELECT version_num FROM alembic_version"))


def test_migrations_create_every_table(module_engine) -> None:
    names = set(inspect(module_engine).get_table_names())
    assert set(TABLES) <= names
    assert _revision(module_engine) == "0003"


def test_full_text_index_exists(module_engine) -> None:
    with module_engine.connect() as connection:
        if module_engine.dialect.name == "sqlite":
            found = connection.scalar(
                text("SELECT count(*) FROM sqlite_master WHERE name = 'documents_fts'"))
        else:
            found = connection.scalar(text(
                "SELECT count(*) FROM pg_indexes WHERE indexname = 'ix_documents_normalized_trgm'"))
    assert found == 1


def test_migrating_again_changes_nothing(module_engine, db_url) -> None:
    before = row_counts(module_engine)
    upgrade(module_engine)
    again = open_engine(db_url)  # a second process opening the same database
    assert _revision(again) == "0003"
    assert row_counts(again) == before
    again.dispose()
