"""WhatsApp Cloud API: the company's number, its inbox and the messages exchanged."""
