"""nq18lib: figures on how Vietnam's provinces carried out Resolution 18-NQ/TW.

The public API, so that a notebook can say ``import nq18lib as nq``. Every name but the
exceptions is imported on first use (see ``_API`` and ``_REPORT_API``), so that
``import nq18lib`` and the command line (a run with nothing to rebuild) pay for pandas,
plotly and the extractor only when they use them.
"""

from nq18lib.exceptions import DataError, Nq18Error, NumberFormatError, ParameterError, Problem

__version__ = "0.2.0"
"""The one version of nq18lib (``pyproject.toml`` reads it from here)."""

__all__ = [
    "DataError",
    "Figure",
    "Nq18Error",
    "NumberFormatError",
    "ParameterError",
    "Problem",
    "Province",
    "__version__",
    "all_provinces",
    "categories_of",
    "category_label",
    "extract_figures",
    "extract_file",
    "find_province",
    "format_number",
    "format_percent",
    "load_figures",
    "load_taxonomy",
    "parse_count",
    "parse_decimal",
    "province_codes",
    "read_table",
    "sector_codes",
    "sector_label",
    "sector_of",
    "units_2025",
    "validate_figures",
    "write_figures",
]

_API = {
    "load_figures": "nq18lib.dataset.figures",
    "read_table": "nq18lib.dataset.figures",
    "validate_figures": "nq18lib.dataset.figures",
    "write_figures": "nq18lib.dataset.figures",
    "Figure": "nq18lib.extract.extraction",
    "extract_figures": "nq18lib.extract.extraction",
    "extract_file": "nq18lib.extract.extraction",
    "format_number": "nq18lib.numerals",
    "format_percent": "nq18lib.numerals",
    "parse_count": "nq18lib.numerals",
    "parse_decimal": "nq18lib.numerals",
    "Province": "nq18lib.reference.provinces",
    "all_provinces": "nq18lib.reference.provinces",
    "find_province": "nq18lib.reference.provinces",
    "province_codes": "nq18lib.reference.provinces",
    "units_2025": "nq18lib.reference.provinces",
    "categories_of": "nq18lib.reference.taxonomy",
    "category_label": "nq18lib.reference.taxonomy",
    "load_taxonomy": "nq18lib.reference.taxonomy",
    "sector_codes": "nq18lib.reference.taxonomy",
    "sector_label": "nq18lib.reference.taxonomy",
    "sector_of": "nq18lib.reference.taxonomy",
}
"""The data stage's vocabulary: figures, extraction, numerals, provinces, taxonomy."""

# Report building blocks (charts, tables, narrative, provenance footer) and the report
# runner, imported on first use as well.
_REPORT_API = {
    "attainment_chart": "nq18lib.report.charts",
    "before_after_chart": "nq18lib.report.charts",
    "comparison_chart": "nq18lib.report.charts",
    "findings_chart": "nq18lib.report.charts",
    "reduction_bar": "nq18lib.report.charts",
    "show_figure": "nq18lib.report.charts",
    "ReportTables": "nq18lib.report.tables",
    "attainment_table": "nq18lib.report.tables",
    "baselines_table": "nq18lib.report.tables",
    "comparison_table": "nq18lib.report.tables",
    "cuts_table": "nq18lib.report.tables",
    "findings_summary": "nq18lib.report.tables",
    "findings_table": "nq18lib.report.tables",
    "ranking_table": "nq18lib.report.tables",
    "size_table": "nq18lib.report.tables",
    "sources_table": "nq18lib.report.tables",
    "table_html": "nq18lib.report.tables",
    "label": "nq18lib.reference.vocabulary",
    "describe_comparison": "nq18lib.report.narrative",
    "describe_others": "nq18lib.report.narrative",
    "describe_overview": "nq18lib.report.narrative",
    "describe_rates": "nq18lib.report.narrative",
    "describe_selection": "nq18lib.report.narrative",
    "describe_targets": "nq18lib.report.narrative",
    "describe_sizes": "nq18lib.report.narrative",
    "heading": "nq18lib.report.narrative",
    "list_cuts": "nq18lib.report.narrative",
    "note": "nq18lib.report.narrative",
    "comparable_figures": "nq18lib.report.selection",
    "comparable_groups": "nq18lib.report.selection",
    "select_figures": "nq18lib.report.selection",
    "like_with_like": "nq18lib.report.selection",
    "ranked_group": "nq18lib.report.selection",
    "describe_ranking": "nq18lib.report.narrative",
    "show_navigation": "nq18lib.report.navigation",
    "show_key_points": "nq18lib.report.keypoints",
    "flagged_ids": "nq18lib.report.keypoints",
    "load_sources": "nq18lib.dataset.sources",
    "audit_figures": "nq18lib.audit.checks",
    "audit_findings": "nq18lib.audit.checks",
    "implied_baseline": "nq18lib.metrics",
    "implied_counts": "nq18lib.metrics",
    "rank_jurisdictions": "nq18lib.metrics",
    "reduction_by_sector": "nq18lib.metrics",
    "implied_after": "nq18lib.metrics",
    "implied_reduced": "nq18lib.metrics",
    "round_percent": "nq18lib.metrics",
    "percent_matches": "nq18lib.metrics",
    "aggregate_reduction": "nq18lib.metrics",
    "compare_phases": "nq18lib.metrics",
    "compare_plan_result": "nq18lib.metrics",
    "figure_parts": "nq18lib.metrics",
    "reduction_table": "nq18lib.metrics",
    "load_reference_counts": "nq18lib.reference.counts",
    "load_targets": "nq18lib.reference.targets",
    "target_attainment": "nq18lib.metrics.targets",
    "provenance_tables": "nq18lib.report.footer",
    "show_provenance": "nq18lib.report.footer",
    "RunOptions": "nq18lib.runner.run",
    "run_reports": "nq18lib.runner.run",
}
__all__ += sorted([*_REPORT_API, "run_reports"])


def run_reports(options=None, executor=None):
    """Build the reports of a grid from the project's data (see ``nq18 run``).

    Parameters
    ----------
    options : nq18lib.RunOptions, optional
        The grid and the run's settings (default: everything, Vietnamese). When it names no
        ``data_reader``, the figures are read by the dataset stage (:data:`nq18lib.dataset.READER`).
    executor : concurrent.futures.Executor, optional
        Where notebooks run (default: a process pool; any executor on the same file system).

    Returns
    -------
    nq18lib.runner.run.RunSummary
        What was built, skipped and failed.
    """
    import dataclasses

    from nq18lib.dataset.reader import READER
    from nq18lib.runner.plan import RunOptions
    from nq18lib.runner.run import run_reports as run_grid

    options = options or RunOptions()
    if options.data_reader is None:
        options = dataclasses.replace(options, data_reader=READER)
    return run_grid(options, executor)


_STAGES = frozenset(
    {"audit", "cli", "dataset", "extract", "metrics", "reference", "report", "runner"}
    | {"frames", "numerals", "paths", "provenance"}
)
"""Sub-packages and shared modules, reachable as attributes before anything imported them."""


def __dir__() -> list[str]:
    """List every public name, the lazily imported ones too (completion in JupyterLab)."""
    return sorted(set(globals()) | set(__all__))


def __getattr__(name: str):
    """Import a public name on first use (see ``_API`` and ``_REPORT_API``)."""
    import importlib

    module = _API.get(name) or _REPORT_API.get(name)
    if module is not None:
        value = getattr(importlib.import_module(module), name)
        globals()[name] = value
        return value
    if name in _STAGES:  # ``nq.dataset``, ``nq.report`` … as after an eager import
        return importlib.import_module(f"nq18lib.{name}")
    raise AttributeError(f"module 'nq18lib' has no attribute {name!r}")
