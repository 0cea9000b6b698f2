"""Findings: what the audit can say about one figure, or about figures taken together.

Each check returns :class:`Finding` objects with a message in Vietnamese and in English;
:func:`nq18lib.audit.checks.audit_figures` runs them all. The checks are described in
:mod:`nq18lib.audit.checks`; the comparison with known counts is in :mod:`nq18lib.audit.reference`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from nq18lib import metrics
from nq18lib.dataset.contract import DUPLICATE_ANCHOR, DUPLICATE_KEY
from nq18lib.frames import cell_count, cell_text
from nq18lib.metrics.bounds import (
    baseline_interval,
    difference,
    effective_reduced_interval,
    figure_bounds,
    overlap,
    rate_interval,
    value_interval,
)
from nq18lib.numerals import format_number, format_percent
from nq18lib.reference.bounds import qualified, qualifier_word
from nq18lib.reference.centralbodies import jurisdiction_key

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}
"""Sort key of the severities, worst first."""


@dataclass(frozen=True)
class Finding:
    """One thing the audit found about a figure.

    ``values`` holds the numbers involved (JSON-ready: ints, floats, strings, lists).
    """

    check: str
    severity: str
    message_vi: str
    message_en: str
    values: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        """Return the finding as a plain dict (the JSON form; values copied)."""
        return {
            "check": self.check,
            "severity": self.severity,
            "message_vi": self.message_vi,
            "message_en": self.message_en,
            "values": _copied(self.values),
        }


def _copied(value):
    if isinstance(value, dict):
        return {k: _copied(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_copied(v) for v in value]
    return value


# --------------------------------------------------------------------------- helpers
def _n(value: object, lang: str) -> str:
    return format_number(int(value), lang)


def _p(value: float, lang: str, decimals: int) -> str:
    return format_percent(float(value), lang, decimals)


def _range(bounds: tuple[int, int] | None, lang: str) -> str:
    return metrics.format_range(*(bounds or (None, None)), lang)


# --------------------------------------------------------------------------- checks
def _check_rate(
    reduced: int, baseline: int, percent: float, decimals: int, check: str, what: tuple[str, str]
) -> Finding:
    """Compare a written percent with ``100·reduced/baseline`` under the written rounding."""
    exact = metrics.reduction_rate(reduced, baseline)
    rules = metrics.matching_roundings(reduced, baseline, percent, decimals)
    half_up = metrics.round_percent(reduced, baseline, decimals)
    values = {
        "reduced": reduced,
        "baseline": baseline,
        "percent": percent,
        "decimals": decimals,
        "exact_percent": round(exact, decimals + 4),
        "rounded_half_up": half_up,
        "matching_roundings": list(rules),
    }
    shown = {lang: _p(exact, lang, decimals + 3) for lang in ("vi", "en")}
    frac = {
        "vi": f"{what[0]} {_n(reduced, 'vi')}/{_n(baseline, 'vi')} = {shown['vi']}",
        "en": f"{what[1]} {_n(reduced, 'en')}/{_n(baseline, 'en')} = {shown['en']}",
    }
    written = {lang: _p(percent, lang, decimals) for lang in ("vi", "en")}
    if "half_up" in rules or "half_even" in rules:
        note_vi = note_en = ""
        if "half_up" not in rules:
            note_vi = " (chỉ khi làm tròn nửa về số chẵn)"
            note_en = " (only when ties are rounded to even)"
        return Finding(
            check,
            "info",
            f"Tỷ lệ {written['vi']} khớp với {frac['vi']}{note_vi}.",
            f"The rate {written['en']} matches {frac['en']}{note_en}.",
            values,
        )
    if "down" in rules:
        return Finding(
            check,
            "warning",
            f"Tỷ lệ {written['vi']} chỉ khớp với {frac['vi']} nếu phần thập phân bị cắt bỏ "
            f"thay vì làm tròn (làm tròn thì được {_p(half_up, 'vi', decimals)}).",
            f"The rate {written['en']} matches {frac['en']} only if it was truncated rather "
            f"than rounded (rounding gives {_p(half_up, 'en', decimals)}).",
            values,
        )
    by_percent = metrics.implied_baseline(reduced, percent, decimals)
    by_count = metrics.implied_reduced(percent, baseline, decimals)
    values["baseline_implied_by_percent"] = list(by_percent) if by_percent else None
    values["reduced_implied_by_percent"] = list(by_count) if by_count else None
    extra_vi, extra_en = [], []
    if by_percent:
        extra_vi.append(
            f"nếu giảm {_n(reduced, 'vi')} thì số trước khi giảm phải là {_range(by_percent, 'vi')}"
        )
        extra_en.append(
            f"with {_n(reduced, 'en')} reduced the baseline would have to be "
            f"{_range(by_percent, 'en')}"
        )
    if by_count:
        extra_vi.append(
            f"nếu số trước khi giảm là {_n(baseline, 'vi')} thì phải giảm {_range(by_count, 'vi')}"
        )
        extra_en.append(
            f"with a baseline of {_n(baseline, 'en')}, {_range(by_count, 'en')} would have "
            "to be reduced"
        )
    up_vi = " Chỉ cách làm tròn lên mới cho ra con số này." if "up" in rules else ""
    up_en = " Only rounding up (ceiling) gives it." if "up" in rules else ""
    return Finding(
        check,
        "error",
        f"Tỷ lệ ghi {written['vi']} không khớp với {frac['vi']}, làm tròn thành "
        f"{_p(half_up, 'vi', decimals)}."
        + (f" Để có {written['vi']}: {'; '.join(extra_vi)}." if extra_vi else "")
        + up_vi,
        f"The written rate {written['en']} does not match {frac['en']}, which rounds to "
        f"{_p(half_up, 'en', decimals)}."
        + (f" To give {written['en']}: {'; '.join(extra_en)}." if extra_en else "")
        + up_en,
        values,
    )


def figure_findings(fig: pd.Series, decimals: int | None) -> list[Finding]:
    """Check one figure against its own numbers (``decimals``: as written, or None).

    A figure with a ``bound`` (hơn, gần, khoảng) is checked by inequalities instead
    (:func:`_bounded_findings`).
    """
    bounds = figure_bounds(fig)
    if bounds:
        return _bounded_findings(fig, bounds, decimals)
    found: list[Finding] = []
    reduced, numerator, denominator = (
        cell_count(fig.get("reduced")),
        cell_count(fig.get("numerator")),
        cell_count(fig.get("denominator")),
    )
    baseline, after = cell_count(fig.get("baseline")), cell_count(fig.get("after"))
    percent = None if pd.isna(fig.get("percent")) else float(fig["percent"])
    if numerator is not None and reduced is not None and numerator != reduced:
        found.append(
            Finding(
                "fraction_vs_reduced",
                "error",
                f"Tử số của phân số ({_n(numerator, 'vi')}) khác số giảm ({_n(reduced, 'vi')}).",
                f"The fraction's numerator ({_n(numerator, 'en')}) differs from the count "
                f"reduced ({_n(reduced, 'en')}).",
                {"numerator": numerator, "reduced": reduced},
            )
        )
    if numerator is not None and denominator is not None and numerator > denominator:
        found.append(
            Finding(
                "reduced_vs_baseline",
                "error",
                f"Tử số {_n(numerator, 'vi')} lớn hơn mẫu số {_n(denominator, 'vi')}.",
                f"Numerator {_n(numerator, 'en')} exceeds denominator {_n(denominator, 'en')}.",
                {"numerator": numerator, "denominator": denominator},
            )
        )
    elif numerator is not None and denominator and percent is not None:
        found.append(
            _check_rate(
                numerator,
                denominator,
                percent,
                decimals,
                "percent_vs_fraction",
                ("phân số", "the fraction"),
            )
        )
    count = reduced if reduced is not None else numerator
    if baseline is not None and after is not None and count is None:
        count = baseline - after
    if baseline is not None and count is not None:
        if count > baseline:
            found.append(
                Finding(
                    "reduced_vs_baseline",
                    "error",
                    f"Số giảm {_n(count, 'vi')} lớn hơn số trước khi giảm {_n(baseline, 'vi')}.",
                    f"The count reduced {_n(count, 'en')} exceeds the baseline "
                    f"{_n(baseline, 'en')}.",
                    {"reduced": count, "baseline": baseline},
                )
            )
        if after is not None and after != baseline - count:
            found.append(
                Finding(
                    "after_vs_baseline",
                    "error",
                    f"Số sau khi giảm {_n(after, 'vi')} khác {_n(baseline, 'vi')} − "
                    f"{_n(count, 'vi')} = {_n(baseline - count, 'vi')}.",
                    f"The count after {_n(after, 'en')} differs from {_n(baseline, 'en')} − "
                    f"{_n(count, 'en')} = {_n(baseline - count, 'en')}.",
                    {"after": after, "baseline": baseline, "reduced": count},
                )
            )
        elif after is not None and percent is None:
            found.append(
                Finding(
                    "after_vs_baseline",
                    "info",
                    f"Số trước và sau khi giảm khớp: {_n(baseline, 'vi')} − {_n(count, 'vi')} = "
                    f"{_n(after, 'vi')}.",
                    f"The counts before and after agree: {_n(baseline, 'en')} − "
                    f"{_n(count, 'en')} = {_n(after, 'en')}.",
                    {"after": after, "baseline": baseline, "reduced": count},
                )
            )
    base_for_rate = baseline
    if base_for_rate is None and after is not None and count is not None:
        base_for_rate = after + count
        if percent is None:
            found.append(
                Finding(
                    "implied_baseline",
                    "info",
                    f"Giảm {_n(count, 'vi')}, còn {_n(after, 'vi')}: số trước khi giảm là "
                    f"{_n(base_for_rate, 'vi')}, tỷ lệ giảm "
                    f"{_p(100 * count / base_for_rate, 'vi', 1)}.",
                    f"{_n(count, 'en')} fewer, {_n(after, 'en')} left: a baseline of "
                    f"{_n(base_for_rate, 'en')}, a reduction of "
                    f"{_p(100 * count / base_for_rate, 'en', 1)}.",
                    {"reduced": count, "after": after, "baseline": base_for_rate},
                )
            )
    if (
        percent is not None
        and count is not None
        and base_for_rate
        and count <= base_for_rate
        and base_for_rate != denominator
    ):
        found.append(
            _check_rate(
                count,
                base_for_rate,
                percent,
                decimals,
                "percent_vs_counts",
                ("số giảm/số trước", "reduced/baseline"),
            )
        )
    if percent is not None and count is not None:
        found.extend(_implied_findings(count, percent, decimals, denominator, base_for_rate))
    elif percent is not None:
        found.append(
            Finding(
                "percent_only",
                "info",
                f"Chỉ có tỷ lệ {_p(percent, 'vi', decimals)}, không có số lượng: không suy ra "
                "được số trước và sau khi giảm.",
                f"Only a rate ({_p(percent, 'en', decimals)}), no count: the baseline and the "
                "count after cannot be implied.",
                {"percent": percent},
            )
        )
    elif count is not None and base_for_rate is None and denominator is None:
        found.append(
            Finding(
                "count_only",
                "info",
                f"Chỉ có số giảm ({_n(count, 'vi')}), không có tỷ lệ hay số trước khi giảm: "
                "không có gì để đối chiếu.",
                f"Only a count ({_n(count, 'en')}), no rate or baseline: nothing to check it "
                "against.",
                {"reduced": count},
            )
        )
    return found


def _implied_findings(
    count: int,
    percent: float,
    decimals: int,
    denominator: int | None,
    baseline: int | None,
) -> list[Finding]:
    values = {"reduced": count, "percent": percent, "decimals": decimals}
    written = {lang: _p(percent, lang, decimals) for lang in ("vi", "en")}
    if count == 0 and percent > 0:
        return [
            Finding(
                "percent_impossible",
                "error",
                f"Số giảm bằng 0 nhưng tỷ lệ là {written['vi']}.",
                f"Nothing was reduced but the rate is {written['en']}.",
                values,
            )
        ]
    scaled = round(percent * 10**decimals)
    if scaled == 0:
        if count == 0:
            return []
        floor = 200 * count * 10**decimals
        values["baseline_at_least"] = floor
        return [
            Finding(
                "implied_baseline",
                "info",
                f"Giảm {_n(count, 'vi')} mà tỷ lệ {written['vi']} thì chỉ biết số trước khi "
                f"giảm ít nhất là {_n(floor, 'vi')}.",
                f"A rate of {written['en']} with {_n(count, 'en')} reduced only says the "
                f"baseline is at least {_n(floor, 'en')}.",
                values,
            )
        ]
    bounds = metrics.implied_baseline(count, percent, decimals)
    # digits cut off, as a calculator shows them: only for a rate written with decimals
    truncated = None
    if bounds is None and decimals >= 1:
        truncated = metrics.directed_baseline(count, percent, decimals, "down")
    if truncated is not None:
        values["baseline_min"], values["baseline_max"] = truncated
        values["rounding"] = "down"
        return [
            Finding(
                "implied_baseline",
                "warning",
                f"Tỷ lệ {written['vi']} khi giảm {_n(count, 'vi')} chỉ có được nếu phần thập "
                "phân bị cắt bỏ thay vì làm tròn; khi đó số trước khi giảm là "
                f"{_range(truncated, 'vi')}.",
                f"A rate of {written['en']} with {_n(count, 'en')} reduced is only possible if "
                f"it was truncated rather than rounded; the baseline is then "
                f"{_range(truncated, 'en')}.",
                values,
            )
        ]
    if bounds is None:
        up = metrics.directed_baseline(count, percent, decimals, "up")
        neighbours = [
            (b, metrics.round_percent(count, b, decimals))
            for b in sorted({int(100 * count / percent), int(100 * count / percent) + 1})
            if b >= max(count, 1)
        ]
        values["nearest"] = [[b, p] for b, p in neighbours]
        near_vi = ", ".join(
            f"{_n(count, 'vi')}/{_n(b, 'vi')} = {_p(p, 'vi', decimals)}" for b, p in neighbours
        )
        near_en = ", ".join(
            f"{_n(count, 'en')}/{_n(b, 'en')} = {_p(p, 'en', decimals)}" for b, p in neighbours
        )
        return [
            Finding(
                "percent_impossible",
                "error",
                f"Không có số trước khi giảm (số nguyên) nào cho tỷ lệ {written['vi']} khi "
                f"giảm {_n(count, 'vi')} (gần nhất: {near_vi})."
                + (" Chỉ cách làm tròn lên mới cho ra con số này." if up else ""),
                f"No whole-number baseline gives {written['en']} with {_n(count, 'en')} "
                f"reduced (nearest: {near_en})."
                + (" Only rounding up (ceiling) gives it." if up else ""),
                values,
            )
        ]
    values["baseline_min"], values["baseline_max"] = bounds
    values["after_min"], values["after_max"] = bounds[0] - count, bounds[1] - count
    after = (bounds[0] - count, bounds[1] - count)
    if denominator is not None or baseline is not None:
        return []  # the baseline is known: _check_rate compares it with the percent
    one = bounds[0] == bounds[1]
    return [
        Finding(
            "implied_baseline",
            "info",
            f"Giảm {_n(count, 'vi')}, đạt {written['vi']}: số trước khi giảm "
            + ("là " if one else "trong khoảng ")
            + f"{_range(bounds, 'vi')}, sau khi giảm còn {_range(after, 'vi')}.",
            f"{_n(count, 'en')} fewer at {written['en']}: a baseline of "
            f"{_range(bounds, 'en')}, {_range(after, 'en')} left.",
            values,
        )
    ]


def parts_findings(figures: pd.DataFrame) -> dict[str, list[Finding]]:
    """Check parts against their totals; findings keyed by figure id."""
    out: dict[str, list[Finding]] = {}
    parts = metrics.figure_parts(figures)
    if parts.empty:
        return out
    by_id = {cell_text(fig["figure_id"]): fig for fig in figures.to_dict("records")}
    for (total_id, rule), group in parts.groupby(["total_id", "rule"], sort=False):
        total = metrics.effective_reduced(by_id[total_id])
        ids = group["part_id"].tolist()
        counts = [metrics.effective_reduced(by_id[i]) for i in ids]
        complete = bool(group["complete"].iloc[0])
        for part_id in ids:
            out.setdefault(part_id, []).append(
                Finding(
                    "parts_vs_total",
                    "info",
                    f"Là một phần (trong đó) của {total_id}.",
                    f"A part of {total_id}.",
                    {"total_id": total_id, "rule": rule},
                )
            )
        known = [c for c in counts if c is not None]
        if total is None or not known:
            continue
        bounded = _bounded_parts(by_id[total_id], [by_id[i] for i in ids], complete)
        if bounded is not None:
            out.setdefault(total_id, []).append(bounded)
            continue
        values = {
            "total": total,
            "parts": dict(zip(ids, counts, strict=True)),
            "rule": rule,
            "complete": complete,
            "sum_of_parts": sum(known),
        }
        listed = {
            lang: " + ".join(_n(c, lang) for c in known)
            + (f" = {_n(sum(known), lang)}" if len(known) > 1 else "")
            for lang in ("vi", "en")
        }
        if (complete and len(known) == len(counts)) or sum(known) == total:
            ok = sum(known) == total
            out.setdefault(total_id, []).append(
                Finding(
                    "parts_vs_total",
                    "info" if ok else "error",
                    f"Các phần {listed['vi']} "
                    + ("khớp với" if ok else "khác")
                    + f" tổng {_n(total, 'vi')}.",
                    f"The parts {listed['en']} "
                    + ("match" if ok else "differ from")
                    + f" the total {_n(total, 'en')}.",
                    values,
                )
            )
        elif sum(known) > total:
            out.setdefault(total_id, []).append(
                Finding(
                    "parts_vs_total",
                    "error",
                    f"Các phần {listed['vi']} vượt tổng {_n(total, 'vi')}.",
                    f"The parts {listed['en']} exceed the total {_n(total, 'en')}.",
                    values,
                )
            )
        else:
            rest = total - sum(known)
            values["rest"] = rest
            out.setdefault(total_id, []).append(
                Finding(
                    "parts_vs_total",
                    "info",
                    f"Các phần đã nêu {listed['vi']} không vượt tổng {_n(total, 'vi')}; phần "
                    f"còn lại là {_n(rest, 'vi')}.",
                    f"The parts given ({listed['en']}) stay within the total "
                    f"{_n(total, 'en')}; the rest is {_n(rest, 'en')}.",
                    values,
                )
            )
    return out


def _bounded_parts(total_fig, part_figs: list, complete: bool) -> Finding | None:
    """Compare parts with their total when a count is a bound; None when all are exact.

    The parts contradict the total when their smallest possible sum exceeds the largest
    possible total, or, when the parts are the whole, when no value fits both.
    """
    total_bounds = figure_bounds(total_fig)
    part_bounds = [figure_bounds(p) for p in part_figs]
    if not total_bounds and not any(part_bounds):
        return None
    total = effective_reduced_interval(total_fig, total_bounds)
    parts = [effective_reduced_interval(p, b) for p, b in zip(part_figs, part_bounds, strict=True)]
    known = [(p, b, iv) for p, b, iv in zip(part_figs, part_bounds, parts, strict=True) if iv]
    low = sum(iv[0] for _, _, iv in known)
    high = sum(iv[1] for _, _, iv in known)
    whole = complete and len(known) == len(parts)
    bad = low > total[1] + 1e-9 or (whole and not overlap((low, high), total))

    def listed(lang: str) -> str:
        items = [
            _q(metrics.effective_reduced(p), "reduced", _reduced_bound(b, p), lang)
            for p, b, _ in known
        ]
        return " + ".join(items)

    def total_text(lang: str) -> str:
        fig = total_fig
        return _q(
            metrics.effective_reduced(fig), "reduced", _reduced_bound(total_bounds, fig), lang
        )

    values = {
        "total": metrics.effective_reduced(total_fig),
        "parts": [metrics.effective_reduced(p) for p, _, _ in known],
        "sum_min": low,
        "sum_max": None if high == math.inf else high,
        "total_min": total[0],
        "total_max": None if total[1] == math.inf else total[1],
        "complete": complete,
        "bound": dict(total_bounds),
    }
    if bad:
        return Finding(
            "parts_vs_total",
            "error",
            f"Các phần {listed('vi')} vượt hoặc không khớp tổng {total_text('vi')}, kể cả khi "
            "tính đến giới hạn (hơn/gần/khoảng).",
            f"The parts {listed('en')} exceed or miss the total {total_text('en')}, even "
            "taking the bounds (more than / nearly / about) into account.",
            values,
        )
    return Finding(
        "parts_vs_total",
        "info",
        f"Các phần {listed('vi')} phù hợp với tổng {total_text('vi')} (so sánh khoảng giá trị: "
        f"{_BOUND_REASON['vi']}).",
        f"The parts {listed('en')} are consistent with the total {total_text('en')} (ranges "
        f"compared: {_BOUND_REASON['en']}).",
        values,
    )


def _reduced_bound(bounds: dict[str, str], fig) -> dict[str, str]:
    """Return the qualifier of a figure's effective count reduced, keyed ``reduced``."""
    for name in ("reduced", "numerator"):
        if cell_count(fig.get(name)) is not None:
            return {"reduced": bounds[name]} if name in bounds else {}
    return {"reduced": "at_least"} if bounds.get("baseline") == "at_least" else {}


_SUBJECT = DUPLICATE_KEY
"""Rows sharing these describe the same subject (the data contract's duplicate key)."""


MAX_LISTED_CONFLICTS = 10
"""A figure lists at most this many figures it conflicts with; one more finding counts the rest."""


def conflict_findings(figures: pd.DataFrame) -> dict[str, list[Finding]]:
    """Find the same subject given twice in one source; findings keyed by figure id.

    Two figures of one subject (the data contract's duplicate key) conflict unless they
    are a part and its total, or their numbers differ and both carry different notes (two
    subjects of one category, "phòng" and "chi cục"). Indexed by key, not compared pair by
    pair: the time is linear in the number of figures, and each figure lists at most
    :data:`MAX_LISTED_CONFLICTS` others (then one finding tells how many more).
    """
    out: dict[str, list[Finding]] = {}
    linked = metrics.figure_parts(figures)
    related: dict[str, set[str]] = {}
    for part, total in zip(linked["part_id"], linked["total_id"], strict=True):
        related.setdefault(part, set()).add(total)
        related.setdefault(total, set()).add(part)
    n = len(figures)
    ids = [cell_text(x) for x in figures["figure_id"]] if n else []

    def column(name: str) -> list[str]:
        return [cell_text(v) for v in figures[name]] if name in figures.columns else [""] * n

    # The jurisdiction is told apart where the province code cannot (central bodies share
    # ``00`` with the country); for ``other`` the unit counted is part of the subject.
    places = [
        jurisdiction_key(j, c)
        for j, c in zip(column("jurisdiction"), column("province_code"), strict=True)
    ]
    subject = [*(column(name) for name in _SUBJECT), places, column("unit")]
    keys = list(zip(*subject, strict=True)) if n else []
    anchors = list(zip(*(column(name) for name in DUPLICATE_ANCHOR), strict=True)) if n else []
    notes = column("note")
    groups: dict[tuple, list[int]] = {}
    for i, key in enumerate(keys):
        groups.setdefault(key, []).append(i)
    for members in groups.values():
        if len(members) > 1:
            _group_conflicts(members, ids, anchors, notes, related, out)
    return out


def _group_conflicts(members, ids, anchors, notes, related, out) -> None:
    """Conflicts within one subject: three indexes (numbers, empty note, same note)."""
    by_anchor: dict[tuple, list[int]] = {}
    by_note: dict[str, list[int]] = {}
    empty: list[int] = []
    anchor_empty: dict[tuple, int] = {}
    anchor_note: dict[tuple, int] = {}
    for i in members:
        by_anchor.setdefault(anchors[i], []).append(i)
        if notes[i]:
            by_note.setdefault(notes[i], []).append(i)
            key = (anchors[i], notes[i])
            anchor_note[key] = anchor_note.get(key, 0) + 1
        else:
            empty.append(i)
            anchor_empty[anchors[i]] = anchor_empty.get(anchors[i], 0) + 1

    def conflicts(a: int, b: int) -> bool:
        # two named subjects (two districts) are two figures, even with the same numbers
        return not (notes[a] and notes[b] and notes[a] != notes[b])

    position = {ids[j]: j for j in members}
    for a in members:
        mine = related.get(ids[a], set())
        if not notes[a]:
            total = len(members)
            sources = [members]
        else:
            same_note = by_note[notes[a]]
            total = len(empty) + len(same_note)
            sources = [empty, same_note]
        total -= 1  # the figure itself
        excluded = {ids[a], *mine}
        total -= sum(1 for x in mine if x in position and conflicts(a, position[x]))
        if total <= 0:
            continue
        wanted = MAX_LISTED_CONFLICTS + len(excluded)
        candidates = sorted({j for source in sources for j in source[:wanted]})
        listed = [j for j in candidates if ids[j] not in excluded][:MAX_LISTED_CONFLICTS]
        for b in listed:
            same = anchors[a] == anchors[b]
            out.setdefault(ids[a], []).append(_conflict(ids[b], same))
        if total > len(listed):
            more = total - len(listed)
            out.setdefault(ids[a], []).append(
                Finding(
                    "conflicting_figures",
                    "warning",
                    f"Và {more} số liệu khác cùng nguồn, nội dung, cấp, kỳ, trạng thái.",
                    f"And {more} more figures of the same source, subject, level, period, status.",
                    {"more": more},
                )
            )


def _conflict(other: str, same: bool) -> Finding:
    return Finding(
        "conflicting_figures",
        "warning",
        (
            f"Trùng với {other} (cùng nguồn, nội dung, cấp, kỳ, trạng thái): "
            "nếu cộng dồn sẽ bị tính hai lần."
            if same
            else f"Cùng nguồn, nội dung, cấp, kỳ và trạng thái với {other} nhưng số liệu khác nhau."
        ),
        (
            f"Same as {other} (same source, subject, level, period, status): "
            "adding them up would count it twice."
            if same
            else f"Same source, subject, level, period and status as {other} but different numbers."
        ),
        {"other_figure_id": other, "identical": same},
    )


# --------------------------------------------------------------------------- bounds
def _q(value: object, column: str, bounds: dict, lang: str, decimals: int | None = None) -> str:
    """Write a number of a figure as written, with its qualifier ("hơn 2.100", "more than 66%")."""
    text = _p(float(value), lang, decimals or 0) if column == "percent" else _n(value, lang)
    return qualified(text, bounds.get(column), lang)


def _shown(interval: tuple[float, float], lang: str, percent: bool = False) -> str:
    """Write an interval for readers: "8.427 – 10.517", "ít nhất 8.427" / "at least 8,427"."""
    low, high = interval

    def one(v: float) -> str:
        return _p(v, lang, 1) if percent else _n(v, lang)

    if high == math.inf:
        if low <= 0:
            return {"vi": "không xác định", "en": "unbounded"}[lang]
        return {"vi": "ít nhất ", "en": "at least "}[lang] + one(low)
    if (percent and abs(high - low) < 0.05) or (not percent and low == high):
        return one(low)
    return f"{one(low)} – {one(high)}"


_BOUND_REASON = {
    "vi": "một số liệu là giới hạn (hơn/gần/khoảng), không phải số chính xác",
    "en": "a number is a bound (more than / nearly / about), not an exact value",
}


def _bounded_rate(fig, bounds, decimals, count_col, base_col, check, what) -> Finding:
    """Compare a written percent with ``count/base`` when one of the three is a bound.

    ``base_col`` ``"after"`` takes the baseline as count + after.
    """

    def base_of(strict: bool) -> tuple[float, float]:
        base = value_interval(fig, base_col, bounds, strict=strict)
        if base_col == "after":
            count = value_interval(fig, count_col, bounds, strict=strict)
            base = (base[0] + count[0], base[1] + count[1])
        return base

    verdicts = []
    for strict in (True, False):
        count = value_interval(fig, count_col, bounds, strict=strict)
        stated = value_interval(fig, "percent", bounds, decimals, strict=strict)
        verdicts.append(overlap(rate_interval(count, base_of(strict)), stated))
    count = value_interval(fig, count_col, bounds)
    implied = rate_interval(count, base_of(True))
    values = {
        "bound": dict(bounds),
        "percent": float(fig["percent"]),
        "decimals": decimals,
        count_col: cell_count(fig[count_col]),
        base_col: cell_count(fig[base_col]),
        "rate_min": round(implied[0], 4),
        "rate_max": None if implied[1] == math.inf else round(implied[1], 4),
    }
    text = {}
    for lang, name in (("vi", what[0]), ("en", what[1])):
        base_text = _q(fig[base_col], base_col, bounds, lang)
        if base_col == "after":
            base_text = f"({_q(fig[count_col], count_col, bounds, lang)} + {base_text})"
        frac = (
            f"{name} {_q(fig[count_col], count_col, bounds, lang)}/"
            f"{base_text} = {_shown(implied, lang, True)}"
        )
        text[lang] = (_q(fig["percent"], "percent", bounds, lang, decimals), frac)
    if verdicts[1]:
        return Finding(
            check,
            "info",
            f"Tỷ lệ {text['vi'][0]} phù hợp với {text['vi'][1]}.",
            f"The rate {text['en'][0]} is consistent with {text['en'][1]}.",
            values,
        )
    if verdicts[0]:
        return Finding(
            check,
            "warning",
            f"Tỷ lệ {text['vi'][0]} khó khớp với {text['vi'][1]}: xa hơn mức mà "
            f"“{qualifier_word(next(iter(bounds.values())), 'vi')}” thường chỉ.",
            f"The rate {text['en'][0]} hardly fits {text['en'][1]}: further off than "
            f"“{qualifier_word(next(iter(bounds.values())), 'en')}” usually means.",
            values,
        )
    return Finding(
        check,
        "error",
        f"Tỷ lệ ghi {text['vi'][0]} mâu thuẫn với {text['vi'][1]}.",
        f"The written rate {text['en'][0]} contradicts {text['en'][1]}.",
        values,
    )


def _bounded_findings(fig, bounds: dict[str, str], decimals: int | None) -> list[Finding]:
    """Check a figure some of whose numbers are bounds: inequalities, never exact values."""
    found: list[Finding] = []
    decimals = 0 if decimals is None else decimals
    given = {
        name: cell_count(fig.get(name)) is not None
        for name in ("reduced", "numerator", "denominator", "baseline", "after")
    }
    has_percent = not pd.isna(fig.get("percent"))
    values = {"bound": dict(bounds)}
    if given["numerator"] and given["reduced"]:
        a = value_interval(fig, "numerator", bounds)
        b = value_interval(fig, "reduced", bounds)
        if not overlap(a, b):
            found.append(
                Finding(
                    "fraction_vs_reduced",
                    "error",
                    f"Tử số {_q(fig['numerator'], 'numerator', bounds, 'vi')} không thể bằng số "
                    f"giảm {_q(fig['reduced'], 'reduced', bounds, 'vi')}.",
                    f"The numerator {_q(fig['numerator'], 'numerator', bounds, 'en')} cannot "
                    f"equal the count reduced {_q(fig['reduced'], 'reduced', bounds, 'en')}.",
                    values,
                )
            )
    if given["numerator"] and given["denominator"] and has_percent:
        found.append(
            _bounded_rate(
                fig,
                bounds,
                decimals,
                "numerator",
                "denominator",
                "percent_vs_fraction",
                ("phân số", "the fraction"),
            )
        )
    count = effective_reduced_interval(fig, bounds)
    base = value_interval(fig, "baseline", bounds)
    after = value_interval(fig, "after", bounds)
    count_col = "reduced" if given["reduced"] else "numerator" if given["numerator"] else None
    if base is not None and count is not None and count[0] > base[1]:
        found.append(
            Finding(
                "reduced_vs_baseline",
                "error",
                f"Số giảm ({_shown(count, 'vi')}) lớn hơn số trước khi giảm "
                f"({_q(fig['baseline'], 'baseline', bounds, 'vi')}).",
                f"The count reduced ({_shown(count, 'en')}) exceeds the baseline "
                f"({_q(fig['baseline'], 'baseline', bounds, 'en')}).",
                values,
            )
        )
    if base is not None and after is not None and count_col is not None:
        possible = difference(base, count)
        ok = overlap(possible, after)
        counts = {
            lang: (
                f"{_q(fig['baseline'], 'baseline', bounds, lang)} − "
                f"{_q(fig[count_col], count_col, bounds, lang)}"
            )
            for lang in ("vi", "en")
        }
        found.append(
            Finding(
                "after_vs_baseline",
                "info" if ok else "error",
                f"Số sau khi giảm {_q(fig['after'], 'after', bounds, 'vi')} "
                + ("phù hợp với " if ok else "mâu thuẫn với ")
                + f"{counts['vi']} ({_shown(possible, 'vi')}).",
                f"The count after {_q(fig['after'], 'after', bounds, 'en')} "
                + ("is consistent with " if ok else "contradicts ")
                + f"{counts['en']} ({_shown(possible, 'en')}).",
                {
                    **values,
                    "after_min": possible[0],
                    "after_max": None if possible[1] == math.inf else possible[1],
                },
            )
        )
    base_col = "baseline" if given["baseline"] else "after" if given["after"] else None
    if (
        has_percent
        and count_col
        and base_col
        and not (
            given["denominator"] and cell_count(fig["denominator"]) == cell_count(fig["baseline"])
        )
    ):
        found.append(
            _bounded_rate(
                fig,
                bounds,
                decimals,
                count_col,
                base_col,
                "percent_vs_counts",
                ("số giảm/số trước", "reduced/baseline"),
            )
        )
    elif has_percent and count is not None and base_col is None and not given["denominator"]:
        rate = value_interval(fig, "percent", bounds, decimals)
        implied = baseline_interval(count, rate)
        rate_text = {
            lang: _q(fig["percent"], "percent", bounds, lang, decimals) for lang in ("vi", "en")
        }
        count_text = {
            lang: _q(fig[count_col], count_col, bounds, lang) if count_col else _shown(count, lang)
            for lang in ("vi", "en")
        }
        values.update(
            {
                "baseline_min": None if implied[0] == math.inf else implied[0],
                "baseline_max": None if implied[1] == math.inf else implied[1],
            }
        )
        found.append(
            Finding(
                "implied_baseline",
                "info",
                f"Giảm {count_text['vi']}, đạt {rate_text['vi']}: số trước khi giảm "
                f"{_shown(implied, 'vi')}, không phải một số chính xác ({_BOUND_REASON['vi']}).",
                f"{count_text['en']} fewer at {rate_text['en']}: a baseline of "
                f"{_shown(implied, 'en')}, not one exact number ({_BOUND_REASON['en']}).",
                values,
            )
        )
    elif has_percent and count is None:
        found.append(
            Finding(
                "percent_only",
                "info",
                f"Chỉ có tỷ lệ {_q(fig['percent'], 'percent', bounds, 'vi', decimals)}, không có "
                "số lượng: không suy ra được số trước và sau khi giảm.",
                f"Only a rate ({_q(fig['percent'], 'percent', bounds, 'en', decimals)}), no "
                "count: the baseline and the count after cannot be implied.",
                values,
            )
        )
    elif count is not None and base_col is None and not given["denominator"] and not has_percent:
        column = count_col or "baseline"
        shown = {
            lang: _q(fig[column], column, bounds, lang) if count_col else _shown(count, lang)
            for lang in ("vi", "en")
        }
        found.append(
            Finding(
                "count_only",
                "info",
                f"Chỉ có số giảm ({shown['vi']}), không có tỷ lệ hay số trước khi giảm: không có "
                "gì để đối chiếu.",
                f"Only a count ({shown['en']}), no rate or baseline: nothing to check it against.",
                values,
            )
        )
    return found
