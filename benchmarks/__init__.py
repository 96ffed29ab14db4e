"""Benchmarks and torture runs for Workbench (`make bench`); not part of the test suite."""
