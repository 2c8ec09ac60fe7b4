"""Use cases: functions that take a session and plain values, shared by the CLI and TUI."""
