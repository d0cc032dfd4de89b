"""Reading, normalising and sentence-splitting documents."""
