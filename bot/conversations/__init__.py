"""Rasa's conversations: the tracker store Puente uses; each message answered once."""
