"""What the words of the domain mean: tables, enums, value types and pure rules.

Nothing here performs I/O beyond the database session a caller passes in, and nothing
here imports a user-interface library.
"""
