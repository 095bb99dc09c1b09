"""Tables into rows: where a table ends, its headers, its cells, target and data rows."""
