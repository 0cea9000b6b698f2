"""Reference data: the taxonomy, the provinces, the national targets, known counts, words.

Import rule: ``reference`` imports only the shared modules at the top of the package
(``exceptions``, ``paths``, ``numerals``, ``frames``). Everything else may import it.
The tables themselves are data (``data/reference/*.csv``, shipped in the wheel).
"""
