"""Command-line interface: thin commands over the pipeline and the store."""
