"""Tools for scenario authors: lint, the starter scenario, coverage, the field reference."""
