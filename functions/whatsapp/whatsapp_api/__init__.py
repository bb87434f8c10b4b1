"""WhatsApp function: the inbox, replies through the company's Cloud API number, Meta's webhooks."""
