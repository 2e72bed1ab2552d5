"""How the service itself is doing: worker liveness and the figures operators scrape."""
