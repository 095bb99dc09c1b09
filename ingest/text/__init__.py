"""Text and structure: site chrome, footnotes, a decision's parts, chunks cut at the document's headings."""
