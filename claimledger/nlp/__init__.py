"""NLP: the spaCy model (loaded once per process) and language detection."""
