"""Rasa policies that decide with fixed, tested functions of the conversation."""
