"""Benchmarks that print figures (never timed tests): `python -m kennisbank.bench` (see runner.py)."""
