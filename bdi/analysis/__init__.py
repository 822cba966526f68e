"""Numerical analyses on the index (docs/analyses.md): pure, typed numpy functions that the dbt
Python models under models/intermediate/analysis call."""
