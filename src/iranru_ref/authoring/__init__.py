"""Helping curators write: storing a new source, laying out a new record."""
