"""iranru-ref: a reference site and entity database on Russia–Iran relations, with checked provenance."""

__version__ = "0.1.0"
