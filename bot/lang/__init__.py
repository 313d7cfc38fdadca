"""Language as data: telling English from Spanish, and the titles in each."""
