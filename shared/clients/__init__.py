"""The customer base: clients (people and companies), their timeline, import/export and LGPD."""
