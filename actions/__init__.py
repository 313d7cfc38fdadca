"""Puente's custom actions: thin adapters between Rasa and the logic in ``bot``."""
