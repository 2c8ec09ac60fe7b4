"""Programme templates shipped with sia-console (TOML files, read as package data)."""
