"""Benchmarks (`scripts/bench`); `timing`, `bytecode`, `memory` and `upstream` also run in the
upstream environment and import only the standard library at the top."""
