"""The data layer: the package (schema, load, live reload), per-package indexes, the filter state and what
each view derives from it. No Dash, no Flask."""
