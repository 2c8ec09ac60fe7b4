"""The headless command line: each command parses, calls a service, prints text or JSON."""
