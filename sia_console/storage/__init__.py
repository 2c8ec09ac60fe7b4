"""SQLite storage: engine and pragmas, migrations with a backup first, record stamping."""
