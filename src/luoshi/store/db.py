"""Opening the database and bringing its schema up to date.

Where the database is, first match wins:

1. an explicit URL or path (the CLI's ``--db``),
2. the environment variable ``LUOSHI_DATABASE_URL``,
3. ``$XDG_DATA_HOME/luoshi/luoshi.db`` (``~/.local/share/luoshi/luoshi.db``), an SQLite file.

A bare path is an SQLite file; anything with ``://`` is an SQLAlchemy URL
(``postgresql+psycopg://user@host/dbname`` for a shared deployment).
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event

from luoshi.errors import UsageError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def default_database_path() -> Path:
    """The SQLite file used when neither ``--db`` nor ``LUOSHI_DATABASE_URL`` is given."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "luoshi" / "luoshi.db"


def database_url(db: str | None = None) -> str:
    """Resolve ``db`` (URL, path or None) to an SQLAlchemy URL."""
    target = db or os.environ.get("LUOSHI_DATABASE_URL") or str(default_database_path())
    if "://" in target:
        return target
    path = Path(target).expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets readers run while an ingest writes; foreign keys are off by default in SQLite.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def open_engine(db: str | None = None, *, migrate: bool = True) -> Engine:
    """Create an engine for ``db`` and (by default) apply pending migrations."""
    url = database_url(db)
    try:
        engine = create_engine(url)
    except Exception as exc:  # bad URL, missing driver: a usage error, not a crash
        raise UsageError(f"cannot open database {url!r}: {exc}") from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    if migrate:
        upgrade(engine)
    return engine


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply Alembic migrations up to ``revision`` on ``engine``."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
