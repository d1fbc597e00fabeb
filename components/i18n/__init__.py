"""Which language: the translator, message catalogs, the vocabulary and locale formats."""
