"""sia-console: an offline terminal application for school-improvement advisers."""

__version__ = "0.1.0"
