"""Records: the models of what curators write (entities, claims, sources, the vocabulary), and
their JSON Schemas."""
