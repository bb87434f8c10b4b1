"""Documentos: proposals, contracts, orders and receipts, written from company templates and printed
to PDF. `content` has what the service fills in, `context` the placeholders, `render` the templates,
`pdf` the file."""
