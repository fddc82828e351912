"""Documents keep the crawl date (``Document.crawl_date``: WARC-Date, UTC) beside the publication date.

Rows stored before this revision get NULL: their crawl date was not kept (for WARC input it may
be their ``date``, which a re-ingest of the extracted lines corrects).

Revision ID: 0003_crawl_date
Revises: 0002_fts
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_crawl_date"
down_revision = "0002_fts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a plain ADD COLUMN on both backends: SQLite's batch mode would copy the table and drop the
    # FTS triggers of 0002
    op.add_column("documents", sa.Column("crawl_date", sa.String(40), nullable=True))


def downgrade() -> None:
    op.drop_column("documents", "crawl_date")
