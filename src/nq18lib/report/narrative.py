"""Narrative text of the reports, written in the reader's language from the figures.

Every function returns Markdown (a heading, a sentence, a bullet list) built from the
wordings in :mod:`nq18lib.reference.vocabulary`, with numbers written the reader's way. Notebooks
display them with ``IPython.display.Markdown``; data text is escaped so that it cannot
turn into markup.
"""

from __future__ import annotations

import re

import pandas as pd

from nq18lib.dataset.comparison import MIN_RANKED
from nq18lib.reference.taxonomy import category_label, category_unit, sector_label, sector_of
from nq18lib.reference.vocabulary import check_lang, count_noun, label, status_text, value_label
from nq18lib.report.htmltable import figure_number

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def escape_markdown(text: object) -> str:
    r"""Return data text that Markdown shows as written (no emphasis, links or HTML).

    Examples
    --------
    >>> escape_markdown("Hà Nam *1* <b>")
    'Hà Nam \\*1\\* \\<b\\>'

    Addresses are no links either (the renderer links bare ``http://``, ``www.``, ``a@b``):

    >>> escape_markdown("http://x.vn")
    'http:\\/\\/x.vn'
    """
    return _no_autolink(_MD_SPECIAL.sub(r"\\\1", str(text)))


def _no_autolink(text: str) -> str:
    """Keep the Markdown renderer from linking a bare address written in data."""
    return text.replace("://", ":\\/\\/").replace("www.", "www\\.").replace("@", "\\@")


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value))


def heading(key: str, lang: str = "vi", level: int = 2, **values: object) -> str:
    """Return a Markdown heading from a label key.

    Examples
    --------
    >>> heading("heading.cuts", "en")
    '## What was cut'
    """
    escaped = {k: escape_markdown(v) for k, v in values.items()}
    return f"{'#' * level} {label(key, lang, **escaped)}"


def note(key: str, lang: str = "vi", **values: object) -> str:
    """Return a paragraph from a label key (values escaped)."""
    escaped = {k: escape_markdown(v) for k, v in values.items()}
    return label(key, lang, **escaped)


def describe_selection(
    figures: pd.DataFrame,
    province: str,
    sector: str,
    status: str = "all",
    phase: str = "",
    lang: str = "vi",
) -> str:
    """Return the opening paragraph of a sector report.

    Examples
    --------
    >>> frame = pd.DataFrame({"source_id": ["a", "a", "b"]})
    >>> describe_selection(frame, "Hà Nam", "party", lang="en")[:60]
    'This report presents the figures on **party bodies** in **Hà'
    """
    check_lang(lang)
    if figures.empty:
        return label("text.no_figures", lang)
    phase_text = label("text.phase_suffix", lang, phase=escape_markdown(phase)) if phase else ""
    sector_text = sector_label(sector, lang)
    return label(
        "text.sector_intro",
        lang,
        sector_lower=sector_text[0].lower() + sector_text[1:],
        province=escape_markdown(province),
        status=label(f"filter.{status}", lang),
        phase=phase_text,
        n=count_noun(len(figures), "figure", lang),
        n_sources=count_noun(figures["source_id"].nunique(), "source", lang),
    )


def list_cuts(figures: pd.DataFrame, lang: str = "vi") -> str:
    """Return a bullet list: what each figure says was cut, in words.

    Examples
    --------
    >>> frame = pd.DataFrame({"category": ["village", "commune_official"],
    ...     "reduced": [553, None], "percent": [44.6, 11.3], "percent_decimals": [1, 1],
    ...     "status": ["result", "plan"]})
    >>> print(list_cuts(frame, "vi"))
    - Thôn, tổ dân phố: giảm 553 thôn, tương đương 44,6%
    - Cán bộ, công chức cấp xã: giảm 11,3% (nguồn không nêu số lượng) (○ kế hoạch)
    """
    check_lang(lang)
    if figures.empty:
        return label("text.no_figures", lang)
    from nq18lib.report.charts import distinguish

    many = "jurisdiction" in figures.columns and figures["jurisdiction"].nunique() > 1
    names = [
        (f"{escape_markdown(row['jurisdiction'])}: " if many else "")
        + category_label(row["category"], lang)
        for _, row in figures.iterrows()
    ]
    names = [_no_autolink(n) for n in distinguish(names, figures, lang)]  # HTML-escaped
    lines = []
    for name, (_, row) in zip(names, figures.iterrows(), strict=True):
        category = row["category"]
        percent = "" if _missing(row.get("percent")) else figure_number(row, "percent", lang)
        plan = (
            f" ({status_text(row.get('status'), lang, short=True)})"
            if row.get("status") in ("plan", "partly_projected")
            else ""
        )
        if _missing(row.get("reduced")):
            lines.append(
                label("text.cut_unknown_count", lang, category=name, percent=percent, status=plan)
            )
            continue
        unit = category_unit(category, lang)
        lines.append(
            label(
                "text.cut_item",
                lang,
                category=name,
                reduced=figure_number(row, "reduced", lang),
                unit=f" {unit}" if unit else "",
                percent=label("text.cut_percent", lang, percent=percent) if percent else "",
                status=plan,
            )
        )
    return "\n".join(lines)


def describe_overview(figures: pd.DataFrame, province: str, lang: str = "vi") -> str:
    """Return the opening paragraph of a province overview.

    Examples
    --------
    >>> frame = pd.DataFrame({"category": ["village", "commune_unit", "civil_servant"],
    ...     "source_id": ["s", "s", "s"]})
    >>> describe_overview(frame, "Hà Nam", "en")[:55]
    'Hà Nam: 3 figures on 3 categories in 2 sectors, from 1 '
    """
    check_lang(lang)
    if figures.empty:
        return label("text.no_figures", lang)
    return label(
        "text.overview_intro",
        lang,
        province=escape_markdown(province),
        n=count_noun(len(figures), "figure", lang),
        n_categories=count_noun(figures["category"].nunique(), "category", lang),
        n_sectors=count_noun(figures["category"].map(sector_of).nunique(), "sector", lang),
        n_sources=count_noun(figures["source_id"].nunique(), "source", lang),
    )


def describe_comparison(figures: pd.DataFrame, category: str, lang: str = "vi") -> str:
    """Return the opening paragraph of a comparison across jurisdictions."""
    check_lang(lang)
    if figures.empty:
        return label("text.comparison_none", lang, minimum=MIN_RANKED)
    text = label(
        "text.comparison_intro",
        lang,
        n=count_noun(len(figures), "figure", lang),
        category=category_label(category, lang),
        n_jurisdictions=count_noun(figures["jurisdiction"].nunique(), "jurisdiction", lang),
    )
    if figures["jurisdiction"].nunique() < 2:
        text += " " + label("text.comparison_none", lang, minimum=MIN_RANKED)
    return text


def describe_others(figures: pd.DataFrame, province: str, lang: str = "vi") -> str:
    """Return the sentence before a comparison: how many other jurisdictions, or none."""
    check_lang(lang)
    others = figures.loc[figures["jurisdiction"] != province, "jurisdiction"].nunique()
    if figures.empty or others == 0:
        return label("text.comparison_none", lang, minimum=MIN_RANKED)
    return label("text.comparison_note", lang)


def describe_ranking(group: pd.DataFrame, comparable: pd.DataFrame, lang: str = "vi") -> str:
    """Return the sentence before a ranking: how many figures it ranks, or why there is none.

    ``group`` is :func:`nq18lib.report.selection.ranked_group` of ``comparable``.
    """
    check_lang(lang)
    if group.empty:
        biggest = int(comparable["_panel"].value_counts().max()) if len(comparable) else 0
        return label("text.no_ranking", lang, minimum=MIN_RANKED, n=biggest)
    return label("text.ranking", lang, n=count_noun(len(group), "figure", lang))


def describe_sizes(sizes: pd.DataFrame, lang: str = "vi") -> str:
    """Return the note on sizes before: how they are inferred, or why they cannot be."""
    check_lang(lang)
    if sizes.empty or sizes["baseline_min"].isna().all():
        return label("text.no_baselines", lang)
    missing = sizes[sizes["baseline_min"].isna()]
    text = label("text.baselines_note", lang)
    if not missing.empty:
        names = ", ".join(category_label(c, lang) for c in missing["category"])
        text += " " + label("text.no_baselines", lang) + f" ({names})"
    return text


def describe_rates(figures: pd.DataFrame, lang: str = "vi") -> str:
    """Return the note under a rates chart, or nothing when no figure has a rate.

    Examples
    --------
    >>> describe_rates(pd.DataFrame({"percent": [None]}), "en")
    ''
    """
    check_lang(lang)
    if figures.empty or figures["percent"].isna().all():
        return ""
    return label("text.rates_note", lang)


def describe_targets(attainment: pd.DataFrame | None, lang: str = "vi") -> str:
    """Return the note before the target table, or say that no target applies."""
    check_lang(lang)
    if attainment is None or attainment.empty:
        return label("text.no_targets", lang)
    return label("text.targets_note", lang)


def status_word(status: str, lang: str = "vi") -> str:
    """Return the reader's word for a status filter (all, result, plan)."""
    return value_label("status", status, lang)
