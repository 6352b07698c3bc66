"""Files a person downloads: XLSX, CSV, PowerPoint and the map drawn on the server. No Dash, no Flask."""
