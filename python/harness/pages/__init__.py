"""The pages: a site from a compare run, scenario by scenario."""
