"""Dashboard of the Irkutsk Region Machine-Building Cluster.

Importing the package builds nothing: the app factory is :func:`dashboard.web.app.create_app`, the layers and
their rules are described in README.md ("Architecture").
"""

__version__ = "1.0.0"
