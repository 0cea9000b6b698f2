"""National targets and whether a figure attains them, with the caveats that apply.

The targets are data (``data/reference/targets.csv``): one row per instrument × subject,
with the minimum percent, the base year it counts from, the deadline, the scope
(``all``, ``local``, ``ministries``) and the taxonomy categories it applies to.

:func:`target_attainment` never answers a silent yes. A figure *attains* a target only
when it measures the same thing the same way: a result (not a plan), counted from the
target's base year, ending by the deadline, with a known rate. Anything else is
``not_comparable``, with the reasons in Vietnamese and English and, where a rate is
known, an ``indicative`` reading (above or below the minimum) that must be read with them.
"""

from __future__ import annotations

import re

import pandas as pd

from nq18lib import metrics
from nq18lib.frames import cell_count, cell_text, typed_frame
from nq18lib.metrics.bounds import figure_bounds
from nq18lib.numerals import format_percent
from nq18lib.reference.bounds import qualifier_word
from nq18lib.reference.centralbodies import find_central_body

STATUSES = ("attained", "not_attained", "not_comparable")
NATIONAL_CODE = "00"

ATTAINMENT_COLUMNS = (
    "figure_id",
    "jurisdiction",
    "category",
    "target_id",
    "instrument",
    "label_vi",
    "label_en",
    "min_percent",
    "base_year",
    "deadline",
    "figure_period",
    "rate",
    "rate_basis",
    "rate_bound",
    "gap",
    "status",
    "indicative",
    "caveat_vi",
    "caveat_en",
    "target_source",
)


def _year(value: object) -> int | None:
    if value is None or pd.isna(value):
        return None
    match = re.match(r"\s*(\d{4})", str(value))
    return int(match.group(1)) if match else None


def _applies(target: dict, fig: dict) -> bool:
    if fig["category"] not in target["applies_to"]:
        return False
    national = str(fig.get("province_code", "")) == NATIONAL_CODE
    scope = target["scope"]
    if scope == "ministries":
        return national
    if scope == "local":
        return not national
    if scope == "national":
        return national and find_central_body(cell_text(fig.get("jurisdiction"))) is None
    return True


def _rate_bound(fig: dict, basis: str | None) -> str | None:
    """Return the qualifier of a figure's rate (None when exact).

    That is the percent's bound, or ``about`` when the rate is computed from counts one of
    which is a bound.
    """
    bounds = figure_bounds(fig)
    if not bounds or basis is None:
        return None
    if basis == "percent":
        return bounds.get("percent")
    return "about" if set(bounds) - {"percent"} else None


def _figure_rate(fig: dict, counts: dict) -> tuple[float | None, str | None]:
    basis, reduced = counts["baseline_basis"], counts["reduced"]
    if not pd.isna(basis) and basis in ("reported", "after", "fraction") and not pd.isna(reduced):
        return 100 * int(reduced) / int(counts["baseline_min"]), basis
    if not pd.isna(fig.get("percent")):
        return float(fig["percent"]), "percent"
    return None, None


def target_attainment(figures: pd.DataFrame, targets: pd.DataFrame) -> pd.DataFrame:
    """Judge every figure against every national target that applies to its category.

    A target applies when the figure's category is in ``applies_to`` and the scope fits
    (``ministries`` only for figures with province code ``00``: the country or a central
    body; ``national`` only for the country's figures, not a single ministry's; ``local``
    only for provinces). The figure's rate is ``100·reduced/baseline`` when the
    baseline is known (reported, or a fraction's denominator), else the percent as written.

    ``status`` is:

    * ``attained`` / ``not_attained``: only when comparable: kind ``reduction``, a
      result (a ``partly_projected`` figure, an achieved part plus a projected part, is
      not one, and says so in the caveat), a known rate, the period starts in the base
      year and ends by the deadline (a shortfall before the deadline is not a failure:
      ``not_comparable``), no condition, and the category is not in ``uncertain_for``;
    * ``not_comparable`` otherwise, with ``indicative`` = ``above_minimum`` /
      ``below_minimum`` when a rate is known.

    ``gap = rate − min_percent``. ``caveat_vi`` / ``caveat_en`` give every reason, joined
    with "; ".

    Examples
    --------
    >>> from nq18lib.reference.targets import load_targets
    >>> targets = load_targets()
    >>> frame = pd.DataFrame({"figure_id": ["x"], "jurisdiction": "Tỉnh X",
    ...     "province_code": "99", "category": "public_service_unit", "status": "result",
    ...     "reduced": [52], "percent": [12.0], "period_start": "2015", "period_end": "2021"})
    >>> row = target_attainment(frame, targets).set_index("target_id").loc["NQ19-DVSN-2021"]
    >>> row.status, row.indicative
    ('attained', 'above_minimum')
    """
    counts = metrics.implied_counts(figures)
    decimals = metrics.written_decimals(figures)
    target_rows = targets.to_dict("records")
    if "uncertain_for" not in targets.columns:
        for target in target_rows:
            target["uncertain_for"] = ()
    records = []
    rows = zip(
        figures.to_dict("records"), counts.to_dict("records"), decimals.tolist(), strict=True
    )
    for fig, known, places in rows:
        start, end = _year(fig.get("period_start")), _year(fig.get("period_end"))
        rate, basis = _figure_rate(fig, known)
        bound = _rate_bound(fig, basis)
        period = f"{start or '?'}–{end or '?'}"
        for target in target_rows:
            if not _applies(target, fig):
                continue
            vi, en, comparable = [], [], True
            minimum = target["min_percent"]
            base, deadline = cell_count(target["base_year"]), cell_count(target["deadline"])
            if target["kind"] != "reduction":
                comparable = False
                if target["kind"] == "criterion":
                    vi.append("mục tiêu là tiêu chí về quy mô đơn vị, không phải tỷ lệ giảm")
                    en.append("the target is a criterion on the size of units, not a rate")
                else:
                    vi.append("văn bản chỉ nêu định hướng, không có con số")
                    en.append("the instrument sets a direction without a number")
            if rate is None:
                comparable = False
                vi.append("số liệu không có tỷ lệ hay số trước khi giảm")
                en.append("the figure has no rate and no baseline")
            elif bound and not (bound == "at_least" and not pd.isna(minimum) and rate >= minimum):
                comparable = False  # "hơn 20%" attains a 10 % minimum; "gần", "khoảng" cannot
                vi.append(
                    f"tỷ lệ là giới hạn “{qualifier_word(bound, 'vi')}”, không phải số chính xác"
                )
                en.append(f"the rate is a bound (“{qualifier_word(bound, 'en')}”), not exact")
            if str(fig.get("status")) == "plan":
                comparable = False
                vi.append("đây là số kế hoạch/dự kiến, chưa phải kết quả")
                en.append("this is a plan or projection, not a result")
            elif str(fig.get("status")) == "partly_projected":
                comparable = False
                vi.append("số liệu gộp phần đã thực hiện với phần dự kiến, chưa phải kết quả")
                en.append("the figure adds a projected part to an achieved part: not a result")
            elif _projected(fig):
                vi.append("số liệu có phần dự kiến")
                en.append("the figure includes a projected part")
            if fig["category"] in target["uncertain_for"]:
                comparable = False
                vi.append("chưa chắc mục tiêu này tính cả nhóm này [U]")
                en.append("it is uncertain whether the target covers this group [U]")
            if cell_text(target.get("condition")):
                comparable = False
                vi.append("mục tiêu chỉ áp dụng khi có điều kiện (xem ghi chú của mục tiêu)")
                en.append(f"the target is conditional: {target['condition']}")
            if start is None or end is None:
                comparable = False
                vi.append("không rõ kỳ của số liệu")
                en.append("the figure's period is unknown")
            else:
                if base is not None and start != base:
                    comparable = False
                    vi.append(f"số liệu tính từ {start}, mục tiêu tính so với {base}")
                    en.append(f"the figure counts from {start}, the target from {base}")
                if deadline is not None and end > deadline:
                    comparable = False
                    vi.append(
                        f"số liệu kéo đến {end}, quá mốc {deadline} của mục tiêu "
                        "(gồm cả phần giảm sau thời hạn)"
                    )
                    en.append(
                        f"the figure runs to {end}, past the target's deadline {deadline} "
                        "(it includes later cuts)"
                    )
            status, indicative, gap = "not_comparable", None, None
            if rate is not None and not pd.isna(minimum):
                gap = rate - minimum
                indicative = "above_minimum" if rate >= minimum else "below_minimum"
                if comparable and end is not None and deadline is not None and end < deadline:
                    if rate >= minimum:
                        vi.append(f"đạt từ {end}, trước thời hạn {deadline}")
                        en.append(f"reached by {end}, before the deadline {deadline}")
                    else:
                        comparable = False
                        vi.append(f"số liệu đến {end}, chưa tới thời hạn {deadline}")
                        en.append(f"the figure ends in {end}, before the deadline {deadline}")
                if comparable:
                    status = "attained" if rate >= minimum else "not_attained"
                    if basis == "percent":
                        d = places
                        half = 0.5 * 10.0 ** -(1 if pd.isna(d) else int(d))
                        if rate - half < minimum <= rate + half:
                            vi.append("tỷ lệ đã làm tròn, sát ngưỡng")
                            en.append("the rate is rounded and close to the threshold")
            if basis in ("fraction", "reported", "after") and not pd.isna(fig.get("percent")):
                written = float(fig["percent"])
                d = places
                d = 1 if pd.isna(d) else int(d)
                if round(rate, d) != round(written, d):
                    vi.append(
                        f"tỷ lệ ghi {format_percent(written, 'vi', d)} khác tỷ lệ tính từ số "
                        f"lượng {format_percent(rate, 'vi', d + 2)}; dùng tỷ lệ tính được"
                    )
                    en.append(
                        f"the written rate {format_percent(written, 'en', d)} differs from the "
                        f"rate from the counts {format_percent(rate, 'en', d + 2)}; the latter "
                        "is used"
                    )
            records.append(
                {
                    "figure_id": fig.get("figure_id"),
                    "jurisdiction": fig.get("jurisdiction"),
                    "category": fig.get("category"),
                    "target_id": target["target_id"],
                    "instrument": target["instrument"],
                    "label_vi": target["label_vi"],
                    "label_en": target["label_en"],
                    "min_percent": minimum,
                    "base_year": base,
                    "deadline": deadline,
                    "figure_period": period,
                    "rate": rate,
                    "rate_basis": basis,
                    "rate_bound": bound,
                    "gap": gap,
                    "status": status,
                    "indicative": indicative,
                    "caveat_vi": "; ".join(vi),
                    "caveat_en": "; ".join(en),
                    "target_source": target["source"],
                }
            )
    return typed_frame(
        records,
        ATTAINMENT_COLUMNS,
        counts=("base_year", "deadline"),
        rates=("min_percent", "rate", "gap"),
    )


def _projected(fig: dict) -> bool:
    text = " ".join(cell_text(fig.get(name)) for name in ("phase", "note"))
    return bool(re.search(r"dự kiến|projected|planned", text, re.I))
