"""Puente's NLU: plain, tested rules and models, wrapped as Rasa graph components."""
