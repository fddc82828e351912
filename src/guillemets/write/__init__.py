"""Writers: Documents out as JSON lines (and later Parquet)."""
