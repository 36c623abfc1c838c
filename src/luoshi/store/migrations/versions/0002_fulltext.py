"""full-text search over the normalized report text

SQLite: an FTS5 table with the ``trigram`` tokenizer (Chinese has no spaces, so word tokenizers
see whole sentences as one token; trigrams match any substring of 3+ characters), kept in sync
by triggers. PostgreSQL: the pg_trgm extension with a GIN trigram index, which serves
``LIKE '%…%'`` substring queries.

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE documents_fts USING fts5("
            "normalized, content='documents', content_rowid='id', tokenize='trigram')"
        )
        op.execute(
            "CREATE TRIGGER documents_fts_ai AFTER INSERT ON documents BEGIN "
            "INSERT INTO documents_fts(rowid, normalized) VALUES (new.id, new.normalized); END"
        )
        op.execute(
            "CREATE TRIGGER documents_fts_ad AFTER DELETE ON documents BEGIN "
            "INSERT INTO documents_fts(documents_fts, rowid, normalized) "
            "VALUES ('delete', old.id, old.normalized); END"
        )
        op.execute(
            "CREATE TRIGGER documents_fts_au AFTER UPDATE ON documents BEGIN "
            "INSERT INTO documents_fts(documents_fts, rowid, normalized) "
            "VALUES ('delete', old.id, old.normalized); "
            "INSERT INTO documents_fts(rowid, normalized) VALUES (new.id, new.normalized); END"
        )
    else:
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute(
            "CREATE INDEX ix_documents_normalized_trgm ON documents "
            "USING gin (normalized gin_trgm_ops)"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("documents_fts_ai", "documents_fts_ad", "documents_fts_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS documents_fts")
    else:
        op.execute("DROP INDEX IF EXISTS ix_documents_normalized_trgm")
