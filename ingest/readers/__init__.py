"""A file into blocks: what the bytes are, the reader of each format, the draft of blocks."""
