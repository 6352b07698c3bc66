"""Developer tools that the running app never imports (the synthetic package generator)."""
