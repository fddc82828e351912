"""Alembic migrations of the corpus schema, run programmatically by ``store.engine.migrate``."""
