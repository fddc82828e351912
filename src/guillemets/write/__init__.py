"""Writers: documents as JSON lines or as Parquet datasets."""
