"""Tarefas: the team's to-do list, linked to clients and cards."""
