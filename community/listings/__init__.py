"""Read paths of the faceted index pages: the knowledge base and the events."""
