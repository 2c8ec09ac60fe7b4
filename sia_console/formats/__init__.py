"""File formats sia-console reads and writes: CSV, .docx, .ics."""
