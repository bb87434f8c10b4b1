"""Catálogo: the plans, products and services a company sells (read by proposals, contracts, charges)."""
