"""The consistency audit: what can be checked in every figure, with findings in two languages.

For each figure, :func:`audit_figures` checks what its own numbers allow:

* ``fraction_vs_reduced``: the fraction's numerator equals the count reduced;
* ``percent_vs_fraction`` / ``percent_vs_counts``: the percent as written equals
  ``100·reduced/baseline`` rounded to the decimals written (half up or half to even both
  accepted; truncation gives a warning; anything else, rounding up included, an error);
* ``after_vs_baseline``, ``reduced_vs_baseline``: ``after = baseline − reduced`` and
  ``reduced ≤ baseline``;
* ``percent_impossible``: no integer baseline gives the percent with that count;
* ``implied_baseline``: the baseline and the count after implied by count and percent
  (information; a warning when only a percent cut off after its last decimal, not rounded,
  gives one: 1/7 written 14,28 %; a whole percent is taken as rounded);
  ``percent_only`` / ``count_only`` when nothing can be implied;
* ``parts_vs_total``: parts ("trong đó") against their total, see
  :func:`nq18lib.metrics.figure_parts` for the rules;
* ``conflicting_figures``: the same subject twice in one source (same source, place,
  category, level, period, phase and status; not a part of the other): identical numbers
  would be counted twice, different numbers contradict each other unless both rows carry
  different notes (two subjects of one category, such as "phòng" and "chi cục");
* ``reference_count``: the implied baseline and count after against known counts
  (``data/reference/reference_counts.csv``), each with a verdict (``match``, ``between``,
  ``coverage``, ``plan_outcome``, ``mismatch``; see :mod:`nq18lib.audit.reference`): only a
  ``mismatch`` is a warning.

A figure with a ``bound`` ("hơn 2.100", "gần 20", "khoảng 50%"; see
:mod:`nq18lib.reference.bounds`) is checked by inequalities instead: the exact value the
other numbers imply must be ≥ a lower bound, ≤ an upper bound (and not far below it), or
within the tolerance of ``about``; its implied baseline is a range or "at least", never an
exact count, and ``percent_impossible`` does not apply (design change 23).

Severities: ``error`` (the numbers contradict each other), ``warning`` (probably wrong,
or only right under an unusual reading), ``info`` (what was checked or implied).

The checks themselves live in :mod:`nq18lib.audit.findings` and :mod:`nq18lib.audit.reference`;
this module runs them, and writes the audit as JSON or as a terminal table.
"""

from __future__ import annotations

import unicodedata

import pandas as pd

from nq18lib import metrics
from nq18lib.audit.findings import (
    SEVERITIES,
    SEVERITY_RANK,
    Finding,
    conflict_findings,
    figure_findings,
    parts_findings,
)
from nq18lib.audit.reference import index_reference_counts, reference_findings
from nq18lib.frames import cell_text, typed_frame
from nq18lib.numerals import format_number, format_percent
from nq18lib.reference import taxonomy
from nq18lib.reference.counts import default_reference_counts, load_reference_counts

__all__ = [
    "AUDIT_COLUMNS",
    "JSON_FIELDS",
    "SEVERITIES",
    "Finding",
    "audit_figures",
    "audit_findings",
    "audit_records",
    "format_audit_table",
    "load_reference_counts",
]

_SEVERITY_LABELS = {
    "vi": {"error": "lỗi", "warning": "cảnh báo", "info": "ghi chú", None: "–"},
    "en": {"error": "error", "warning": "warning", "info": "info", None: "–"},
}
_VERDICTS = {
    "vi": {"error": "lỗi", "warning": "cảnh báo", "info": "không mâu thuẫn", None: "–"},
    "en": {"error": "error", "warning": "warning", "info": "consistent", None: "–"},
}
AUDIT_COLUMNS = (
    "figure_id",
    "source_id",
    "jurisdiction",
    "category",
    "level",
    "status",
    "reduced",
    "percent",
    "percent_decimals",
    "numerator",
    "denominator",
    "baseline",
    "after",
    "implied_baseline_min",
    "implied_baseline_max",
    "baseline_basis",
    "implied_after_min",
    "implied_after_max",
    "severity",
    "findings",
)
JSON_FIELDS = tuple(name for name in AUDIT_COLUMNS if name not in ("baseline", "after"))
"""Fields of each object of ``nq18 audit --format json``; scripts rely on these names."""


# --------------------------------------------------------------------------- public
def audit_figures(
    figures: pd.DataFrame,
    reference: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Check every figure and return one row per figure with its findings.

    Parameters
    ----------
    figures : DataFrame
        Figures as :func:`nq18lib.dataset.figures.load_figures` returns them (``percent_decimals``
        is used when present, else the decimals are read from the percent).
    reference : DataFrame, optional
        Known counts (see :func:`load_reference_counts`); None uses the packaged table
        ``data/reference/reference_counts.csv``; an empty frame skips these checks.

    Returns
    -------
    DataFrame
        Columns :data:`AUDIT_COLUMNS`: the figure's own numbers, the implied (or known)
        baseline and count after as ``min``/``max`` (``<NA>`` when nothing can be
        implied), ``baseline_basis`` (reported, after, fraction, percent), ``severity``
        (the worst finding) and ``findings`` (a list of dicts with ``check``,
        ``severity``, ``message_vi``, ``message_en`` and ``values``).
    """
    if reference is None:
        reference = default_reference_counts()
    ref_index = index_reference_counts(reference)
    counts = metrics.implied_counts(figures)
    decimals = metrics.written_decimals(figures)
    extra: dict[str, list[Finding]] = {}
    for source in (parts_findings(figures), conflict_findings(figures)):
        for key, items in source.items():
            extra.setdefault(key, []).extend(items)
    records = []
    rows = zip(
        figures.to_dict("records"), counts.to_dict("records"), decimals.tolist(), strict=True
    )
    for fig, known, written in rows:
        d = None if pd.isna(written) else int(written)
        found = figure_findings(fig, d)
        found += extra.get(cell_text(fig.get("figure_id")), [])
        found += reference_findings(fig, known, ref_index)
        found.sort(key=lambda f: SEVERITY_RANK[f.severity])
        severity = found[0].severity if found else None
        record = {name: fig.get(name, pd.NA) for name in AUDIT_COLUMNS[:13]}
        record["percent_decimals"] = written
        record.update(
            {
                "implied_baseline_min": known["baseline_min"],
                "implied_baseline_max": known["baseline_max"],
                "baseline_basis": known["baseline_basis"],
                "implied_after_min": known["after_min"],
                "implied_after_max": known["after_max"],
                "severity": severity,
                "findings": [f.to_dict() for f in found],
            }
        )
        records.append(record)
    counts = ("reduced", "numerator", "denominator", "baseline", "after", "percent_decimals")
    counts += ("implied_baseline_min", "implied_baseline_max")
    counts += ("implied_after_min", "implied_after_max")
    return typed_frame(records, AUDIT_COLUMNS, counts=counts, rates=("percent",))


def audit_findings(audited: pd.DataFrame) -> pd.DataFrame:
    """Return the findings of an audit as a long table, one row per finding, worst first.

    Columns: ``figure_id``, ``jurisdiction``, ``category``, ``check``, ``severity``,
    ``message_vi``, ``message_en``.
    """
    rows = [
        {
            "figure_id": fig.figure_id,
            "jurisdiction": fig.jurisdiction,
            "category": fig.category,
            **{k: f[k] for k in ("check", "severity", "message_vi", "message_en")},
        }
        for fig in audited.itertuples(index=False)
        for f in fig.findings
    ]
    columns = ["figure_id", "jurisdiction", "category", "check", "severity"]
    out = pd.DataFrame.from_records(rows, columns=[*columns, "message_vi", "message_en"])
    order = out["severity"].map(SEVERITY_RANK)
    return out.assign(_o=order).sort_values("_o", kind="stable").drop(columns="_o")


def audit_records(audited: pd.DataFrame) -> list[dict]:
    """Return the audit as JSON-ready dicts (fields :data:`JSON_FIELDS`, null for missing)."""

    def plain(value: object) -> object:
        if isinstance(value, list):
            return value
        if value is None or pd.isna(value):
            return None
        if hasattr(value, "item"):
            return value.item()
        return value

    return [
        {name: plain(getattr(fig, name)) for name in JSON_FIELDS}
        for fig in audited.itertuples(index=False)
    ]


def _width(text: str) -> int:
    return sum(0 if unicodedata.combining(ch) else 1 for ch in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    space = " " * max(width - _width(text), 0)
    return space + text if right else text + space


def format_audit_table(audited: pd.DataFrame, lang: str = "vi") -> str:
    """Render the audit for a terminal: an aligned table, then every finding, then a summary."""
    if lang not in _SEVERITY_LABELS:
        raise ValueError(f"unknown language {lang!r}")
    heads = {
        "vi": ["Mã số", "Nội dung", "Số giảm", "Tỷ lệ", "Số trước", "Số sau", "Kết luận"],
        "en": ["Figure", "Category", "Reduced", "Rate", "Before", "After", "Verdict"],
    }[lang]
    labels = _SEVERITY_LABELS[lang]
    rows = []
    for fig in audited.itertuples(index=False):
        decimals = 1 if pd.isna(fig.percent_decimals) else int(fig.percent_decimals)
        rows.append(
            [
                cell_text(fig.figure_id),
                taxonomy.category_label(cell_text(fig.category), lang),
                "–" if pd.isna(fig.reduced) else format_number(int(fig.reduced), lang),
                "–" if pd.isna(fig.percent) else format_percent(float(fig.percent), lang, decimals),
                metrics.format_range(fig.implied_baseline_min, fig.implied_baseline_max, lang),
                metrics.format_range(fig.implied_after_min, fig.implied_after_max, lang),
                _VERDICTS[lang][fig.severity if fig.severity in SEVERITIES else None],
            ]
        )
    widths = [max(_width(x) for x in col) for col in zip(heads, *rows, strict=True)]
    right = [False, False, True, True, True, True, False]

    def line(cells: list[str]) -> str:
        return "  ".join(
            _pad(c, w, r) for c, w, r in zip(cells, widths, right, strict=True)
        ).rstrip()

    out = [line(heads), "  ".join("-" * w for w in widths)]
    out += [line(r) for r in rows]
    title = {"vi": "Phát hiện", "en": "Findings"}[lang]
    out += ["", f"{title}:"]
    message = f"message_{lang}"
    for fig in audited.itertuples(index=False):
        for f in fig.findings:
            out.append(f"  {fig.figure_id} [{labels[f['severity']]}] {f['check']}: {f[message]}")
    n_err = int((audited["severity"] == "error").sum())
    n_warn = int((audited["severity"] == "warning").sum())
    summary = {
        "vi": f"{len(audited)} số liệu: {n_err} có lỗi, {n_warn} có cảnh báo.",
        "en": f"{len(audited)} figures: {n_err} with errors, {n_warn} with warnings.",
    }[lang]
    out += ["", summary]
    return "\n".join(out) + "\n"
