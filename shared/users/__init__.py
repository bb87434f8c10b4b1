"""Users of one company and the permissions of its roles."""
