"""The web server around the app: the app factory, security headers, compression, vendored files, admin page."""
