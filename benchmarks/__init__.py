"""Benchmarks of the dashboard against their floors; ``python -m benchmarks`` or ``make bench``."""
