"""Puente's logic, tested without Rasa; ``actions/`` only adapts it to the SDK."""
