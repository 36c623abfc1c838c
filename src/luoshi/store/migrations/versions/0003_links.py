"""stored links: targets with their outcomes, tasks with later review sentences

``links`` and ``task_links`` hold what ``luoshi track`` and ``luoshi follow`` compute with the
shipped rules, per region; ``linked_regions`` says which regions' links are current.
Filled by the next ``luoshi ingest`` (every region without a ``linked_regions`` row is linked).

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("region_code", sa.String(length=6), nullable=False),
        sa.Column("indicator", sa.String(length=64), nullable=False),
        sa.Column("measure", sa.String(length=16), nullable=False),
        sa.Column("tier", sa.String(length=8), nullable=False),
        sa.Column("period_year", sa.Integer(), nullable=False),
        sa.Column("target_fact_id", sa.Integer(), nullable=False),
        sa.Column("outcome_fact_id", sa.Integer(), nullable=True),
        sa.Column("verdict", sa.String(length=24), nullable=False),
        sa.Column("delta", sa.Float(), nullable=True),
        sa.Column("flags", sa.JSON(), nullable=False),
        sa.Column("assessments", sa.JSON(), nullable=False),
        sa.Column("extractor_version", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["target_fact_id"], ["facts.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["outcome_fact_id"], ["facts.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("links", schema=None) as batch_op:
        batch_op.create_index("ix_links_region_indicator", ["region_code", "indicator"])
        batch_op.create_index("ix_links_target_fact_id", ["target_fact_id"])
        batch_op.create_index("ix_links_outcome_fact_id", ["outcome_fact_id"])

    op.create_table(
        "task_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("region_code", sa.String(length=6), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("matched_report_id", sa.Integer(), nullable=True),
        sa.Column("sentence", sa.Text(), nullable=True),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("extractor_version", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["task_id"], ["tasks.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["matched_report_id"], ["reports.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("task_links", schema=None) as batch_op:
        batch_op.create_index("ix_task_links_task_id", ["task_id"])
        batch_op.create_index("ix_task_links_region_code", ["region_code"])

    op.create_table(
        "linked_regions",
        sa.Column("region_code", sa.String(length=6), nullable=False),
        sa.Column("reports", sa.Integer(), nullable=False),
        sa.Column("extractor_version", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("region_code"),
    )


def downgrade() -> None:
    op.drop_table("linked_regions")
    op.drop_table("task_links")
    op.drop_table("links")
