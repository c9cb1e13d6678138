"""Reports over any number of results files: merge, drift, diff, and their renderings."""
