"""Messages that must not get an ordinary answer: a crisis, or a child writing."""
