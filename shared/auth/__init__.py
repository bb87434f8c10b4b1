"""Authentication (passwords, tokens, sessions) and authorization (roles, permissions, modules)."""
