"""Entry point: ``python app.py`` for a local server, ``gunicorn app:server`` in production."""

import os
import sys

from dashboard.data.package import PackageError
from dashboard.web.admin import CredentialsError
from dashboard.web.app import create_app

try:
    app = create_app()
except (PackageError, CredentialsError) as error:
    sys.stderr.write(f"{error}\n")
    sys.exit(1)
server = app.server

if __name__ == "__main__":
    app.run(host=os.environ.get("DASH_HOST", "127.0.0.1"), port=int(os.environ.get("DASH_PORT", "8050")),
            debug=False)
