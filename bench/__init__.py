"""Benchmarks and the generators of synthetic logs; never part of pytest's pass/fail."""
