"""Runnable examples that the endpoint pages show whole: one file per operation, named after it.

Tests import and run them, so what a reader copies is what was tested.
"""
