"""``make bench``: Puente's accuracy and speed, each beside a same-run baseline."""
