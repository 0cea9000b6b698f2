"""The report runner: a grid of notebooks into HTML, PDF, an index and a manifest.

Import rule: ``runner`` imports the shared modules and ``reference``; it knows notebooks,
parameters and files, never figures: the caller (``cli``, or a user's script) loads the
data and hands over what the grid needs. Never imports ``cli``.
"""
