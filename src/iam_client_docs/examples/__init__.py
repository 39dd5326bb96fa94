"""Runnable examples that the API pages show: one module per API class, one function per
operation, and the helper they share (`iam_http`).

Each page shows an operation's function with the imports it uses; tests call every function
against a local stand-in server, so what a reader copies is what was tested.
"""
