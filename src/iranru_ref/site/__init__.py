"""The site: the Markdown tree, page family by page family, with views, links, escaping and
per-page JSON-LD."""
