"""initial schema

Revision ID: 0001
Revises: 
"""

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    
    op.create_table('documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('format', sa.String(length=8), nullable=False),
    sa.Column('encoding', sa.String(length=32), nullable=True),
    sa.Column('size_bytes', sa.Integer(), nullable=False),
    sa.Column('original', sa.Text(), nullable=False),
    sa.Column('normalized', sa.Text(), nullable=False),
    sa.Column('ingested_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_documents_sha256'), ['sha256'], unique=True)

    op.create_table('reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('region_written', sa.Text(), nullable=True),
    sa.Column('region_code', sa.String(length=6), nullable=True),
    sa.Column('region_name', sa.Text(), nullable=True),
    sa.Column('region_level', sa.String(length=16), nullable=True),
    sa.Column('region_path', sa.JSON(), nullable=True),
    sa.Column('region_candidates', sa.JSON(), nullable=True),
    sa.Column('plan_year', sa.Integer(), nullable=True),
    sa.Column('review_year', sa.Integer(), nullable=True),
    sa.Column('delivered', sa.Date(), nullable=True),
    sa.Column('session', sa.Integer(), nullable=True),
    sa.Column('sitting', sa.Integer(), nullable=True),
    sa.Column('speaker_name', sa.Text(), nullable=True),
    sa.Column('speaker_title', sa.Text(), nullable=True),
    sa.Column('document_type', sa.String(length=16), nullable=False),
    sa.Column('reasons', sa.JSON(), nullable=False),
    sa.Column('extractor_version', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('document_id')
    )
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reports_plan_year'), ['plan_year'], unique=False)
        batch_op.create_index(batch_op.f('ix_reports_region_code'), ['region_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_reports_region_level'), ['region_level'], unique=False)

    op.create_table('facts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('indicator', sa.String(length=64), nullable=True),
    sa.Column('metric', sa.Text(), nullable=False),
    sa.Column('measure', sa.String(length=16), nullable=False),
    sa.Column('value', sa.Float(), nullable=True),
    sa.Column('value_high', sa.Float(), nullable=True),
    sa.Column('unit', sa.String(length=32), nullable=True),
    sa.Column('base_value', sa.Float(), nullable=True),
    sa.Column('base_unit', sa.String(length=32), nullable=True),
    sa.Column('qualifier', sa.String(length=16), nullable=True),
    sa.Column('tier', sa.String(length=8), nullable=False),
    sa.Column('basis', sa.String(length=16), nullable=True),
    sa.Column('period_year', sa.Integer(), nullable=True),
    sa.Column('period', sa.String(length=16), nullable=True),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('orig_start', sa.Integer(), nullable=False),
    sa.Column('orig_end', sa.Integer(), nullable=False),
    sa.Column('quote', sa.Text(), nullable=False),
    sa.Column('extractor_version', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('facts', schema=None) as batch_op:
        batch_op.create_index('ix_facts_indicator_year', ['indicator', 'period_year', 'kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_facts_report_id'), ['report_id'], unique=False)

    op.create_table('glossary',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('term', sa.Text(), nullable=False),
    sa.Column('definition', sa.Text(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('extractor_version', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('glossary', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_glossary_report_id'), ['report_id'], unique=False)

    op.create_table('sections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('ordinal', sa.Integer(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('extractor_version', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('sections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sections_report_id'), ['report_id'], unique=False)

    op.create_table('self_assessments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('verdict', sa.String(length=8), nullable=False),
    sa.Column('indicator', sa.String(length=64), nullable=True),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('extractor_version', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('self_assessments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_self_assessments_report_id'), ['report_id'], unique=False)

    op.create_table('tasks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('lead_unit', sa.Text(), nullable=True),
    sa.Column('units', sa.JSON(), nullable=False),
    sa.Column('deadline', sa.Text(), nullable=True),
    sa.Column('quantities', sa.JSON(), nullable=False),
    sa.Column('check_type', sa.String(length=16), nullable=False),
    sa.Column('section', sa.Text(), nullable=False),
    sa.Column('livelihood', sa.Boolean(), nullable=False),
    sa.Column('projects', sa.JSON(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('orig_start', sa.Integer(), nullable=False),
    sa.Column('orig_end', sa.Integer(), nullable=False),
    sa.Column('extractor_version', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tasks_report_id'), ['report_id'], unique=False)

    


def downgrade() -> None:
    
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tasks_report_id'))

    op.drop_table('tasks')
    with op.batch_alter_table('self_assessments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_self_assessments_report_id'))

    op.drop_table('self_assessments')
    with op.batch_alter_table('sections', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sections_report_id'))

    op.drop_table('sections')
    with op.batch_alter_table('glossary', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_glossary_report_id'))

    op.drop_table('glossary')
    with op.batch_alter_table('facts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_facts_report_id'))
        batch_op.drop_index('ix_facts_indicator_year')

    op.drop_table('facts')
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reports_region_level'))
        batch_op.drop_index(batch_op.f('ix_reports_region_code'))
        batch_op.drop_index(batch_op.f('ix_reports_plan_year'))

    op.drop_table('reports')
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_documents_sha256'))

    op.drop_table('documents')
    
