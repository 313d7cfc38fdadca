"""Messaging channels Rasa mounts next to its built-in ones (WhatsApp Cloud API)."""
