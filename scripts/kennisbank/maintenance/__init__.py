"""Keeping the kennisbank up to date: the weekly link check, its history, the maintenance list and its issue."""
