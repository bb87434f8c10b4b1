"""The HTTP edge shared by every function: app factory, error mapping, auth dependencies."""
