"""The box of key points that opens every province report.

Period, round, status, headline figures and the caveats a reader must not miss.

Caveats: figures that add a projected part to an achieved one (``partly_projected``), plans,
figures the audit flags (errors and warnings, marked ⚠ with a link to the audit report),
and, for a province merged on 1 July 2025, the province it is now part of.
"""

from __future__ import annotations

import html

import pandas as pd

from nq18lib.reference.vocabulary import check_lang, count_noun, label, status_text
from nq18lib.report.htmltable import is_missing

FLAG_SEVERITIES = ("error", "warning")
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_date(value: object, lang: str = "vi") -> str:
    """Write an ISO date (or a year, or a year-month) the reader's way.

    Vietnamese dates follow the rule of administrative documents (Nghị định 30/2020/NĐ-CP):
    a day below 10 and the months 1 and 2 take a leading zero, other months do not.

    Examples
    --------
    >>> format_date("2017-10-25"), format_date("2017-10-25", "en"), format_date("2024-12")
    ('25/10/2017', '25 Oct 2017', '12/2024')
    >>> format_date("2025-07-01"), format_date("2024-02-05"), format_date("2025-04")
    ('01/7/2025', '05/02/2024', '4/2025')
    >>> format_date("2025")
    '2025'
    """
    text = "" if is_missing(value) else str(value).strip()
    parts = text.split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        year, month, day = parts
        if lang == "en":
            return f"{int(day)} {MONTHS_EN[int(month) - 1]} {year}"
        return f"{int(day):02d}/{_month(month)}/{year}"
    if len(parts) == 2 and all(p.isdigit() for p in parts):
        return f"{_month(parts[1])}/{parts[0]}" if lang == "vi" else f"{parts[1]}/{parts[0]}"
    return text


def _month(month: str) -> str:
    """Write a month number as Vietnamese documents do: 01, 02, then 3 … 12."""
    number = int(month)
    return f"{number:02d}" if number <= 2 else str(number)


def period_text(figures: pd.DataFrame, lang: str = "vi") -> str:
    """Return the span the figures cover, from the earliest start to the latest end."""
    starts = [str(v) for v in figures.get("period_start", pd.Series(dtype=object)).dropna()]
    ends = [str(v) for v in figures.get("period_end", pd.Series(dtype=object)).dropna()]
    start = min(starts) if starts else ""
    end = max(ends) if ends else ""
    if start and end:
        return f"{format_date(start, lang)} – {format_date(end, lang)}"
    return format_date(start or end, lang)


def flagged_ids(findings: pd.DataFrame | None) -> set[str]:
    """Return the ids of the figures the audit flags (an error or a warning)."""
    if findings is None or findings.empty:
        return set()
    rows = findings[findings["severity"].isin(FLAG_SEVERITIES)]
    return set(rows["figure_id"].astype(str))


def key_points_html(
    figures: pd.DataFrame,
    findings: pd.DataFrame | None,
    province: str,
    lang: str = "vi",
    *,
    audit_href: str = "audit.html",
    headline: int = 3,
) -> str:
    """Return the key-points box of a report (HTML; data text escaped).

    Parameters
    ----------
    figures : DataFrame
        The figures the report shows.
    findings : DataFrame or None
        Their audit findings (:func:`nq18lib.audit_findings`).
    province : str
        The report's jurisdiction.
    lang : {"vi", "en"}
        The reader's language.
    audit_href : str
        Link to the audit report that explains the flags.
    headline : int
        How many figures to name (the largest published rates first).
    """
    from nq18lib.report.narrative import list_cuts
    from nq18lib.report.navigation import join_names, successor_of

    check_lang(lang)
    esc = html.escape
    items: list[str] = []
    if figures.empty:
        items.append(esc(label("key.none", lang)))
    else:
        period = period_text(figures, lang)
        if period:
            items.append(esc(label("key.period", lang, period=period)))
        if "round" in figures.columns:
            rounds = [label(f"round.{r}", lang) for r in sorted(figures["round"].dropna().unique())]
            if rounds:
                items.append(esc(label("key.round", lang, rounds="; ".join(rounds))))
        statuses = figures["status"].fillna("result").value_counts()
        words = ", ".join(
            f"{status_text(s, lang, short=True)}: {count_noun(int(n), 'figure', lang)}"
            for s, n in statuses.items()
        )
        items.append(esc(label("key.status", lang, statuses=words)))
        top = figures.assign(_p=figures["percent"].astype(float)).sort_values(
            "_p", ascending=False, na_position="last", kind="stable"
        )
        lines = [
            line.removeprefix("- ") for line in list_cuts(top.head(headline), lang).split("\n")
        ]
        items.append(esc(label("key.headline", lang, items="; ".join(lines))).replace("\\", ""))
        for status, key in (("partly_projected", "key.partly_projected"), ("plan", "key.plan")):
            n = int(statuses.get(status, 0))
            if n:
                items.append(
                    '<span class="nq18-caveat">'
                    + esc(label(key, lang, n=count_noun(n, "figure", lang)))
                    + "</span>"
                )
        flagged = flagged_ids(findings) & set(figures["figure_id"].astype(str))
        if flagged:
            text = label(
                "key.flagged", lang, n=count_noun(len(flagged), "figure", lang), href="HREF"
            )
            before, _, rest = text.partition("[")
            anchor, _, after = rest.partition("](HREF)")
            items.append(
                f'<span class="nq18-caveat">{esc(before)}'
                f'<a href="{esc(audit_href)}">{esc(anchor)}</a>{esc(after)}</span>'
            )
    merged = successor_of(province)
    if merged:
        items.append(
            esc(
                label(
                    "today.merged",
                    lang,
                    province=province,
                    successor=merged[0],
                    members=join_names(merged[1], lang),
                )
            )
        )
    body = "".join(f"<li>{item}</li>" for item in items)
    return (
        f'<div class="nq18-keypoints"><p><strong>{esc(label("heading.key_points", lang))}'
        f"</strong></p><ul>{body}</ul></div>"
    )


def show_key_points(
    figures: pd.DataFrame, province: str, lang: str = "vi", *, findings=None
) -> None:
    """Display the key-points box in a notebook (the audit is run when not given)."""
    from IPython.display import HTML, display

    if findings is None:
        from nq18lib.audit.checks import audit_figures, audit_findings

        findings = audit_findings(audit_figures(figures)) if not figures.empty else None
    display(HTML(key_points_html(figures, findings, province, lang)))
