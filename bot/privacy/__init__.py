"""Privacy helpers shared by every view and export of families' conversations."""
