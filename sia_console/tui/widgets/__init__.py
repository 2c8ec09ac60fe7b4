"""Widgets of sia-console: they show what they are given and never read the database."""
