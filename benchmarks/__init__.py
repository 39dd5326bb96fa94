"""Benchmarks: parse, import and docs-build costs beside the alternatives (`scripts/bench`).

Nothing here is imported by the package or the tests' timings: tests only check the pure
helpers (payload, table, chart). Modules that also run inside the upstream virtual environment
(`timing`, `upstream_worker`) use the standard library only.
"""
