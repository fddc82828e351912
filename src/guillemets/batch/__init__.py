"""Executors beyond one process: all cores of one machine (local) and Apache Spark (spark)."""
