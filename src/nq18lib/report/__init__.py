"""Report building blocks that notebooks call: charts, tables, narrative, provenance.

Import rule: ``report`` imports the shared modules, ``reference``, ``dataset``, ``metrics``
and ``audit``; never ``runner`` or ``cli``. Plotly is imported here and only here (and by
the runner's HTML step), so that the command line starts without it.
"""
