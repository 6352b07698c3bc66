"""Figure builders: pure functions from derived DataFrames to plotly figures, as the dicts ``dcc.Graph`` takes.

Each builder writes its traces and layout as plain dicts (:func:`figure`). A ``plotly.graph_objects.Figure``
would cost more than the rest of a filter change: ``plotly.express`` and plotly.py's validation 10–50 ms per
figure, and even unvalidated, its construction and the deep copy it makes to be serialised about 13 ms for
the four main charts. The tests pass every builder's output through ``go.Figure``, which validates it.

One module per chart; :mod:`base` holds the look they share.
"""
