"""Kembar: the sister-region partnerships between Indonesia and China, as data and a map."""
