"""Per-company provider settings (WhatsApp, SMTP/SES, AI, lead capture, Cora): non-secret settings in
the table, secrets write-only in AWS Secrets Manager, opaque webhook routes per company."""
