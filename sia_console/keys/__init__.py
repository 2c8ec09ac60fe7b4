"""Identity keys: generation, the OS keyring, and the passphrase-protected fallback."""
