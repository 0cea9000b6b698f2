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
  (information); ``percent_only`` / ``count_only`` when nothing can be implied;
* ``parts_vs_total``: parts ("trong đó") against their total, see
  :func:`nq18lib.metrics.figure_parts` for the rules;
* ``conflicting_figures``: the same subject twice in one source (same source, place,
  category, level, period, phase and status; not a part of the other): identical numbers
  would be counted twice, different numbers contradict each other unless both rows carry
  different notes (two subjects of one category, such as "phòng" and "chi cục");
* ``reference_count``: the implied baseline and count after against known counts
  (``data/reference/reference_counts.csv``).

Severities: ``error`` (the numbers contradict each other), ``warning`` (probably wrong,
or only right under an unusual reading), ``info`` (what was checked or implied).
"""

from __future__ import annotations

import argparse
import datetime as dt
import unicodedata
from dataclasses import asdict, dataclass, field
from functools import lru_cache

import pandas as pd

from nq18lib import metrics, taxonomy
from nq18lib.frames import typed_frame
from nq18lib.numerals import format_number, format_percent
from nq18lib.paths import reference_file

SEVERITIES = ("error", "warning", "info")
_RANK = {"error": 0, "warning": 1, "info": 2}
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
        """Return the finding as a plain dict (the JSON form)."""
        return asdict(self)


# --------------------------------------------------------------------------- helpers
def _n(value: object, lang: str) -> str:
    return format_number(int(value), lang)


def _p(value: float, lang: str, decimals: int) -> str:
    return format_percent(float(value), lang, decimals)


def _range(bounds: tuple[int, int] | None, lang: str) -> str:
    return metrics.format_range(*(bounds or (None, None)), lang)


def _int(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _str(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(value)


def _parse_date(text: object, end: bool = False) -> dt.date | None:
    """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; a bare year or month spans to its end."""
    s = _str(text).strip()
    try:
        if len(s) == 4:
            return dt.date(int(s), 12, 31) if end else dt.date(int(s), 1, 1)
        if len(s) == 7:
            year, month = int(s[:4]), int(s[5:7])
            if end:
                following = dt.date(year + month // 12, month % 12 + 1, 1)
                return following - dt.timedelta(days=1)
            return dt.date(year, month, 1)
        return dt.date.fromisoformat(s[:10]) if s else None
    except ValueError:
        return None


@lru_cache(maxsize=1)
def _default_reference() -> pd.DataFrame:
    return load_reference_counts()


def load_reference_counts(path: str | None = None) -> pd.DataFrame:
    """Read the table of known counts (``data/reference/reference_counts.csv``).

    Columns: ``jurisdiction``, ``province_code``, ``category``, ``level``, ``date``,
    ``count`` (int), ``source``, ``confidence`` (S, D or U as in DOMAIN.md), ``note``.
    """
    table = pd.read_csv(
        path or reference_file("reference_counts.csv"), dtype=str, keep_default_na=False
    )
    table["count"] = table["count"].astype(int)
    return table


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


def _figure_checks(fig: pd.Series, decimals: int | None) -> list[Finding]:
    found: list[Finding] = []
    reduced, numerator, denominator = (
        _int(fig.get("reduced")),
        _int(fig.get("numerator")),
        _int(fig.get("denominator")),
    )
    baseline, after = _int(fig.get("baseline")), _int(fig.get("after"))
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
    base_for_rate = baseline if baseline is not None else None
    if base_for_rate is None and after is not None and count is not None:
        base_for_rate = after + count
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
    if bounds is None:
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
                f"giảm {_n(count, 'vi')} (gần nhất: {near_vi}).",
                f"No whole-number baseline gives {written['en']} with {_n(count, 'en')} "
                f"reduced (nearest: {near_en}).",
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


def _parts_findings(figures: pd.DataFrame) -> dict[str, list[Finding]]:
    out: dict[str, list[Finding]] = {}
    parts = metrics.figure_parts(figures)
    if parts.empty:
        return out
    by_id = {_str(fig["figure_id"]): fig for fig in figures.to_dict("records")}
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
        if complete and len(known) == len(counts):
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


_SUBJECT = (
    "source_id",
    "jurisdiction",
    "category",
    "level",
    "period_start",
    "period_end",
    "phase",
    "status",
)


def _conflict_findings(figures: pd.DataFrame) -> dict[str, list[Finding]]:
    out: dict[str, list[Finding]] = {}
    linked = metrics.figure_parts(figures)
    related = {frozenset(pair) for pair in zip(linked["part_id"], linked["total_id"], strict=True)}
    keyed: dict[tuple, list[pd.Series]] = {}
    for fig in figures.to_dict("records"):
        key = tuple(_str(fig.get(name)) for name in _SUBJECT)
        keyed.setdefault(key, []).append(fig)
    for group in keyed.values():
        for i, first in enumerate(group):
            for second in group[i + 1 :]:
                a, b = _str(first["figure_id"]), _str(second["figure_id"])
                if frozenset((a, b)) in related:
                    continue
                same = all(
                    _str(first.get(c)) == _str(second.get(c))
                    for c in ("reduced", "percent", "numerator", "denominator", "baseline")
                )
                notes = (_str(first.get("note")), _str(second.get("note")))
                if not same and all(notes) and notes[0] != notes[1]:
                    continue  # two subjects of one category ("phòng" and "chi cục")
                for me, other in ((a, b), (b, a)):
                    out.setdefault(me, []).append(
                        Finding(
                            "conflicting_figures",
                            "warning",
                            (
                                f"Trùng với {other} (cùng nguồn, nội dung, cấp, kỳ, trạng thái): "
                                "nếu cộng dồn sẽ bị tính hai lần."
                                if same
                                else f"Cùng nguồn, nội dung, cấp, kỳ và trạng thái với {other} "
                                "nhưng số liệu khác nhau."
                            ),
                            (
                                f"Same as {other} (same source, subject, level, period, status): "
                                "adding them up would count it twice."
                                if same
                                else f"Same source, subject, level, period and status as {other} "
                                "but different numbers."
                            ),
                            {"other_figure_id": other, "identical": same},
                        )
                    )
    return out


def _reference_index(reference: pd.DataFrame | None) -> dict[tuple, list[tuple]]:
    """Group the known counts by (province code or place, category), with parsed dates."""
    index: dict[tuple, list[tuple]] = {}
    if reference is None or reference.empty:
        return index
    for row in reference.itertuples(index=False):
        when = _parse_date(row.date)
        if when is None:
            continue
        index.setdefault(("code", row.province_code, row.category), []).append((when, row))
        index.setdefault(("place", row.jurisdiction, row.category), []).append((when, row))
    return index


def _nearest(dated: list[tuple], when: dt.date) -> tuple[dt.date, object, int]:
    """Return the last count on or before ``when``, else the first after, and the gap in days."""
    before = [x for x in dated if x[0] <= when]
    day, row = max(before, key=lambda x: x[0]) if before else min(dated, key=lambda x: x[0])
    return day, row, (day - when).days


def _reference_findings(fig: pd.Series, counts: pd.Series, index: dict) -> list[Finding]:
    code, place = _str(fig.get("province_code")), _str(fig.get("jurisdiction"))
    category = _str(fig.get("category"))
    dated = index.get(("code", code, category)) if code else index.get(("place", place, category))
    if not dated:
        return []
    start = _parse_date(fig.get("period_start"))
    end = _parse_date(fig.get("period_end"), end=True)
    found: list[Finding] = []
    sides = (
        ("baseline", start, counts["baseline_min"], counts["baseline_max"], "số trước khi giảm"),
        ("after", end, counts["after_min"], counts["after_max"], "số sau khi giảm"),
    )
    for side, when, low, high, label_vi in sides:
        if when is None or pd.isna(low):
            continue
        day, row, gap = _nearest(dated, when)
        ok = int(low) <= row.count <= int(high)
        years = abs(gap) / 365.25
        when_vi = (
            "cùng ngày"
            if gap == 0
            else f"{format_number(years, 'vi', 1)} năm {'trước' if gap < 0 else 'sau'} mốc "
            + ("đầu kỳ" if side == "baseline" else "cuối kỳ")
        )
        when_en = (
            "the same day"
            if gap == 0
            else f"{format_number(years, 'en', 1)} years {'before' if gap < 0 else 'after'} the "
            + ("start" if side == "baseline" else "end")
            + " of the period"
        )
        date_vi = day.strftime("%d/%m/%Y")
        label_en = "baseline" if side == "baseline" else "count after"
        found.append(
            Finding(
                "reference_count",
                "info" if ok else "warning",
                f"Số đối chiếu {_n(row.count, 'vi')} ngày {date_vi} ({when_vi}; {row.source}) "
                + ("khớp với" if ok else "nằm ngoài")
                + f" {label_vi} {metrics.format_range(low, high, 'vi')}.",
                f"The reference count {_n(row.count, 'en')} on {day.isoformat()} "
                f"({when_en}; {row.source}) "
                + ("matches" if ok else "falls outside")
                + f" the {label_en} {metrics.format_range(low, high, 'en')}.",
                {
                    "side": side,
                    "reference_count": row.count,
                    "reference_date": day.isoformat(),
                    "gap_days": gap,
                    "range": [int(low), int(high)],
                    "source": row.source,
                    "confidence": row.confidence,
                },
            )
        )
    return found


# --------------------------------------------------------------------------- public
def audit_figures(
    figures: pd.DataFrame,
    reference: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Check every figure and return one row per figure with its findings.

    Parameters
    ----------
    figures : DataFrame
        Figures as :func:`nq18lib.dataset.load_figures` returns them (``percent_decimals``
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
        reference = _default_reference()
    ref_index = _reference_index(reference)
    counts = metrics.implied_counts(figures)
    decimals = metrics.written_decimals(figures)
    extra: dict[str, list[Finding]] = {}
    for source in (_parts_findings(figures), _conflict_findings(figures)):
        for key, items in source.items():
            extra.setdefault(key, []).extend(items)
    records = []
    rows = zip(
        figures.to_dict("records"), counts.to_dict("records"), decimals.tolist(), strict=True
    )
    for fig, known, written in rows:
        d = None if pd.isna(written) else int(written)
        found = _figure_checks(fig, d)
        found += extra.get(_str(fig.get("figure_id")), [])
        found += _reference_findings(fig, known, ref_index)
        found.sort(key=lambda f: _RANK[f.severity])
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
    order = out["severity"].map(_RANK)
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
                _str(fig.figure_id),
                taxonomy.category_label(_str(fig.category), lang),
                "–" if pd.isna(fig.reduced) else _n(fig.reduced, lang),
                "–" if pd.isna(fig.percent) else _p(fig.percent, lang, decimals),
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


def audit_from_args(args: argparse.Namespace) -> int:
    """Run ``nq18 audit PATH… --format json|table [--lang vi|en] [--strict]``.

    Returns 0, or 1 with ``--strict`` when any figure has an error finding. Bad data
    raises :class:`~nq18lib.exceptions.DataError` (exit 2 in the CLI).
    """
    from nq18lib.cli import EXIT_FAILED, EXIT_OK, print_json
    from nq18lib.dataset import load_figures

    figures = load_figures(args.paths)
    audited = audit_figures(figures)
    if args.format == "json":
        print_json(audit_records(audited))
    else:
        print(format_audit_table(audited, getattr(args, "lang", "vi") or "vi"), end="")
    has_error = bool((audited["severity"] == "error").any())
    return EXIT_FAILED if getattr(args, "strict", False) and has_error else EXIT_OK
