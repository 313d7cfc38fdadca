"""Where Rasa keeps conversations: the tracker store Puente configures."""
