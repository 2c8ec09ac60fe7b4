"""The sync bundle file: write, and read with caps, verification and decryption."""
