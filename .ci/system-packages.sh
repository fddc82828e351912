#!/usr/bin/env bash
# Debian packages the tests need: PostgreSQL server, Chromium for Playwright, a Java runtime for Spark.
set -euo pipefail
need=()
command -v pg_ctlcluster >/dev/null || need+=(postgresql postgresql-contrib)
command -v chromium >/dev/null || need+=(chromium)
command -v java >/dev/null || need+=(openjdk-17-jre-headless)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
