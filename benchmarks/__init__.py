"""Benchmarks (`scripts/bench`): what the models and the site cost beside the alternatives.

Nothing here is imported by the package. The tests exercise the harness on small inputs and
never assert a timing. The modules that also run in the upstream environment (`timing`,
`bytecode`, `memory`, `upstream`) import the standard library only at the top.
"""
