"""One module per view of the page: its layout and its callbacks."""
