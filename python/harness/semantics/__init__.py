"""Go's channel rules, and which Python primitive keeps each: the
checks (checks.py, and go/semantics/semantics_test.go for Go), their
results as data, and the table made from it (table.py)."""
