"""Entry point: ``python app.py`` for a local server, ``gunicorn app:server`` in production."""

import gc
import os
import sys

from dashboard.data.package import PackageError
from dashboard.web.admin import CredentialsError
from dashboard.web.app import create_app

# While the app is built, the garbage collector finds next to nothing but walks ever more objects (the package's,
# the catalogues'): it stays off until then. Those objects are then frozen, so that the collections of the workers
# gunicorn --preload forks never write to them and their memory stays shared (gc.freeze's documented use).
gc.disable()
try:
    app = create_app()
except (PackageError, CredentialsError) as error:
    sys.stderr.write(f"{error}\n")
    sys.exit(1)
gc.freeze()
gc.enable()
server = app.server

if __name__ == "__main__":
    app.run(host=os.environ.get("DASH_HOST", "127.0.0.1"), port=int(os.environ.get("DASH_PORT", "8050")),
            debug=False)
