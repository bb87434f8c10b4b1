"""Dashboard indicators, kept as counters on write so reading them costs a handful of items."""
