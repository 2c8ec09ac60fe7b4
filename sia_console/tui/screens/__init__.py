"""Screens of sia-console, one per file; each loads its data in worker threads."""
