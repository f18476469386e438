"""Running the programs: what to run, running it, compare, demo and scale."""
