"""Sync: bundles out to peers, bundles in from them, and how their records merge.

``export`` collects what this identity may send and seals it; ``importing`` opens each
file, checks who sent it and what it may change (``ledger``, by the rule of
:mod:`sia_console.domain.rights`), and merges it (``merge``) in one transaction.
"""
