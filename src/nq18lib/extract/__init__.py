"""Extraction: figures found in Vietnamese report text, each tied to its span.

Import rule: ``extract`` imports the shared modules, ``reference`` and ``dataset``; never
``metrics``, ``audit``, ``report``, ``runner`` or ``cli``.
"""

from nq18lib.extract.extraction import Figure, extract_figures, extract_file

__all__ = ["Figure", "extract_figures", "extract_file"]
