"""The consistency audit: findings per figure and across figures, in two languages.

Import rule: ``audit`` imports the shared modules, ``reference``, ``dataset`` and
``metrics``; never ``report``, ``runner`` or ``cli``.
"""

from nq18lib.audit.checks import audit_figures, audit_findings

__all__ = ["audit_figures", "audit_findings"]
