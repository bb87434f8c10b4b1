"""Contacts arriving from outside: lead capture (site forms, ad platforms) and the client behind an
inbound contact (shared with WhatsApp)."""
