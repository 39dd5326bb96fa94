"""Benchmarks: parse, dump, memory, import and docs-build costs beside the alternatives
(`scripts/bench`).

Nothing here is imported by the package. The tests exercise the harness on small inputs and
never assert a timing. Modules that also run inside the upstream virtual environment
(`timing`, `bytecode`, `memory`, `upstream_worker`) use the standard library only at import.
"""
