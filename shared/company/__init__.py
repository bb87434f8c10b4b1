"""Dados da empresa: what the company's documents print about it (names, CNPJ, address, contacts, logo)."""
