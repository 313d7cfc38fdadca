"""The FAQ answers: phone-sized first messages and their "Tell me more"."""
