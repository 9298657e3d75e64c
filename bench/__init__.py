"""Benchmarks of bbcs (see bench/README.md)."""
