"""The built-in rules, shipped inside the package as extract.default_rules (data only)."""
