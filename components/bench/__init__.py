"""Developer tooling: the benchmark, the load test and their browser/server harness. May import the product; never imported by it."""
