"""Reporting: the verdict table, run folders and their noise."""
