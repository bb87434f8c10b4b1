"""Agendamentos: WhatsApp and e-mail messages scheduled for a minute, sent by the dispatcher."""
