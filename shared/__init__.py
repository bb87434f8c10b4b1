"""Impacte+ shared domain code: shipped to every Lambda as the SharedLayer."""
