"""The report grid: which reports a run builds, with which parameters, checked before any kernel.

Report kinds come from a registry, ``notebooks/reports.yaml``: each kind names its notebook
and the parameter values fixed for it (the five sector kinds all use ``sector.ipynb`` with
``sector=<kind>``). A grid is kinds × provinces × languages; a notebook that declares no
``province`` parameter is built once per language for all provinces.

Report ids and output paths: ``<province-slug>/<kind>`` for Vietnamese and
``<province-slug>/en/<kind>`` for English, so ``reports/ha-nam/party.html`` and
``reports/ha-nam/en/party.pdf``.

Parameters are checked against each notebook's ``parameters`` cell (names, types from the
annotations) and against their domains (province present in the data, sector in the
taxonomy, language vi/en): every problem is reported at once, as a ParameterError.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nq18lib.exceptions import ParameterError
from nq18lib.paths import NOTEBOOKS_DIR, project_relative
from nq18lib.reference.reportpaths import province_slug

REGISTRY_FILE = NOTEBOOKS_DIR / "reports.yaml"
LANGS = ("vi", "en")
GRID_PARAMETERS = ("province", "lang", "data_path", "tables_path")
"""Parameters the runner fills itself when a notebook declares them."""
TYPES: dict[str, tuple[type, ...]] = {
    "str": (str,),
    "int": (int,),
    "float": (int, float),
    "bool": (bool,),
}


@dataclass(frozen=True)
class ReportKind:
    """A kind of report: the notebook that builds it and its fixed parameters."""

    name: str
    notebook: Path
    parameters: Mapping[str, Any] = field(default_factory=dict)
    title_vi: str = ""
    title_en: str = ""

    def title(self, lang: str) -> str:
        """Return the kind's title in a language (its name when none is given)."""
        return (self.title_en if lang == "en" else self.title_vi) or self.name


@dataclass(frozen=True)
class ReportSpec:
    """One cell of the grid: a report to build."""

    report_id: str
    kind: ReportKind
    province: str | None
    lang: str
    parameters: Mapping[str, Any]

    @property
    def title(self) -> str:
        """Return the report's title: province and kind, in the report's language."""
        kind = self.kind.title(self.lang)
        if self.province is None:
            return kind
        return f"{self.province}: {kind}"

    def output(self, reports_dir: str | os.PathLike, suffix: str) -> Path:
        """Return the path of one output (``.html``, ``.pdf``, ``.ipynb`` …), inside the folder.

        Raises
        ------
        ParameterError
            When the report id would lead outside ``reports_dir``.
        """
        return inside(reports_dir, self.report_id + suffix)


KIND_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
"""A report kind's name: it becomes a file name, so letters, digits, ``-`` and ``_`` only."""
RESERVED_KINDS = frozenset({"en", "index", "manifest"})
"""Names a kind cannot take: the English folder, the index page, the manifest."""


def inside(folder: str | os.PathLike, relative: str) -> Path:
    """Return ``folder / relative``, refusing a name that leads outside the folder.

    Examples
    --------
    >>> inside("reports", "ha-nam/party.html").as_posix()
    'reports/ha-nam/party.html'
    >>> inside("reports", "../etc/passwd")
    Traceback (most recent call last):
    ...
    nq18lib.exceptions.ParameterError: '../etc/passwd' leads outside the reports folder
    """
    folder = Path(folder)
    parts = Path(relative).parts
    if Path(relative).is_absolute() or any(p in ("..", "") for p in parts) or "\x00" in relative:
        raise ParameterError(f"{relative!r} leads outside the reports folder")
    path = folder / relative
    base = folder.resolve()
    try:
        path.resolve().relative_to(base)
    except ValueError:
        raise ParameterError(f"{relative!r} leads outside the reports folder") from None
    return path


def load_registry(path: str | os.PathLike | None = None) -> dict[str, ReportKind]:
    """Return the report kinds of a registry file (``notebooks/reports.yaml`` by default).

    Notebook paths are relative to the registry's folder. The order of the file is kept.

    Raises
    ------
    ParameterError
        When the file is missing or malformed.
    """
    import yaml

    path = Path(path) if path is not None else REGISTRY_FILE
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as err:
        raise ParameterError(f"{path}: cannot read the report registry: {err}") from err
    kinds = document.get("kinds") if isinstance(document, dict) else None
    if not isinstance(kinds, dict) or not kinds:
        raise ParameterError(f"{path}: expected a mapping 'kinds:' of report kinds")
    registry = {}
    for name, entry in kinds.items():
        if not KIND_NAME.fullmatch(str(name)) or str(name) in RESERVED_KINDS:
            raise ParameterError(
                f"{path}: kind {str(name)!r}: a kind's name becomes a file name; use letters, "
                "digits, '-' and '_' (not en, index or manifest)"
            )
        if not isinstance(entry, dict) or "notebook" not in entry:
            raise ParameterError(f"{path}: kind {name!r} needs a 'notebook:'")
        registry[str(name)] = ReportKind(
            name=str(name),
            notebook=(path.parent / entry["notebook"]).resolve(),
            parameters=dict(entry.get("parameters") or {}),
            title_vi=str(entry.get("title_vi", "")),
            title_en=str(entry.get("title_en", "")),
        )
    return registry


def read_grid_file(path: str | os.PathLike) -> dict[str, list[str]]:
    """Read a grid file: YAML with optional lists ``provinces``, ``kinds`` and ``langs``.

    ``sectors`` is accepted as another name of ``kinds``. A single value may be written
    without a list.

    Raises
    ------
    ParameterError
        When the file cannot be read or has unknown keys.
    """
    import yaml

    try:
        document = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as err:
        raise ParameterError(f"{path}: cannot read the grid file: {err}") from err
    if not isinstance(document, dict):
        raise ParameterError(f"{path}: expected a mapping with provinces, kinds, langs")
    unknown = set(document) - {"provinces", "kinds", "sectors", "langs"}
    if unknown:
        raise ParameterError(f"{path}: unknown grid keys: {', '.join(sorted(unknown))}")
    grid = {}
    for key in ("provinces", "kinds", "sectors", "langs"):
        value = document.get(key)
        if value is None:
            continue
        values = value if isinstance(value, list) else [value]
        grid["kinds" if key == "sectors" else key] = [str(v) for v in values]
    return grid


def match_provinces(requested: Iterable[str], known: Sequence[str]) -> list[str]:
    """Return the data's spelling of each requested province.

    A province matches with or without diacritics and as a slug ("ha-nam").

    Raises
    ------
    ParameterError
        Listing every province that is not in the data.

    Examples
    --------
    >>> match_provinces(["ha nam", "Hà Nam", "ha-nam"], ["Hà Nam", "Bắc Ninh"])
    ['Hà Nam']
    """
    by_slug = {province_slug(name): name for name in known}
    found, missing = [], []
    for name in requested:
        match = by_slug.get(province_slug(name))
        if match is None:
            missing.append(name)
        elif match not in found:
            found.append(match)
    if missing:
        raise ParameterError(
            "province not in the data: "
            + ", ".join(missing)
            + " (the data has: "
            + (", ".join(known[:20]) or "none")
            + (" …" if len(known) > 20 else "")
            + ")"
        )
    return found


def expand_grid(
    registry: Mapping[str, ReportKind],
    notebook_parameters: Mapping[str, Mapping[str, Any]],
    provinces: Sequence[str],
    kinds: Sequence[str],
    langs: Sequence[str],
    data_path: str,
    reports_dir: str | os.PathLike | None = None,
) -> list[ReportSpec]:
    """Return the reports of a grid, in the order kinds × provinces × languages.

    Parameters
    ----------
    registry : mapping
        Report kinds by name (:func:`load_registry`).
    notebook_parameters : mapping
        ``{notebook path: {name: {"type": ..., "default": ..., "help": ...}}}`` of every
        notebook of ``kinds``.
    provinces, kinds, langs : sequence of str
        The grid's axes (already matched to the data and the registry).
    data_path : str
        The figures file or folder passed to notebooks declaring ``data_path``.
    reports_dir : path, optional
        Where reports go: notebooks declaring ``tables_path`` then write their tables to
        ``<reports_dir>/<report id>.xlsx``.
    """
    specs = []
    for kind_name in kinds:
        kind = registry[kind_name]
        declared = notebook_parameters[str(kind.notebook)]
        places: Sequence[str | None] = provinces if "province" in declared else [None]
        for province in places:
            for lang in langs:
                values: dict[str, Any] = dict(kind.parameters)
                if province is not None:
                    values["province"] = province
                if "lang" in declared:
                    values["lang"] = lang
                elif lang != "vi":
                    continue  # a notebook without `lang` is Vietnamese only
                if "data_path" in declared:
                    values["data_path"] = data_path
                folder = province_slug(province) + "/" if province is not None else ""
                report_id = f"{folder}{'en/' if lang == 'en' else ''}{kind.name}"
                if reports_dir is not None:
                    tables = inside(reports_dir, f"{report_id}.xlsx")
                    if "tables_path" in declared:
                        values["tables_path"] = project_relative(tables)
                specs.append(ReportSpec(report_id, kind, province, lang, values))
    return specs


def supported_reports(
    specs: Sequence[ReportSpec],
    sector_counts: Mapping[str, Mapping[str, int]],
    comparable: Mapping[str, Sequence[str]] | None = None,
) -> list[ReportSpec]:
    """Leave out the reports whose data has nothing to show.

    A province's sector report needs at least one figure in the sector
    (``sector_counts``: ``{jurisdiction: {sector: number of figures}}``). A comparison
    report (a ``category`` parameter, no province) needs a group of comparable figures
    (``comparable``: ``{category: [statuses]}`` where the data holds one, as the data
    reader gives it; ``None`` keeps every comparison). Other reports are kept.

    Examples
    --------
    >>> kind = ReportKind("party", Path("sector.ipynb"), {"sector": "party"})
    >>> spec = ReportSpec("ha-nam/party", kind, "Hà Nam", "vi", {"sector": "party"})
    >>> supported_reports([spec], {"Hà Nam": {"staffing": 3}}), len(
    ...     supported_reports([spec], {"Hà Nam": {"party": 1}}))
    ([], 1)
    >>> cmp = ReportKind("comparison_x", Path("c.ipynb"), {"category": "civil_servant"})
    >>> one = ReportSpec("comparison_x", cmp, None, "vi", {"category": "civil_servant"})
    >>> len(supported_reports([one], {}, {"civil_servant": ["plan"]}))
    0
    >>> len(supported_reports([one], {}, {"civil_servant": ["result"]}))
    1
    """
    kept = []
    for spec in specs:
        sector = spec.parameters.get("sector")
        counts = sector_counts.get((spec.province or "").strip(), {})
        if spec.province is not None and sector and not counts.get(str(sector)):
            continue
        category = spec.parameters.get("category")
        if spec.province is None and category and comparable is not None:
            statuses = comparable.get(str(category), [])
            status = str(spec.parameters.get("status", "result"))
            if not statuses or (status != "all" and status not in statuses):
                continue
        kept.append(spec)
    return kept


SIBLINGS_PARAMETER = "sibling_reports"
"""A notebook declaring this parameter gets the kinds of its province's reports in its
language (comma-separated, registry order), so its navigation links only to reports that
exist."""
TRANSLATIONS_PARAMETER = "other_lang_reports"
"""A notebook declaring this parameter gets the kinds of its province's reports in the
other language (comma-separated), so it links to its translation only when there is one."""


def report_place(report_id: str) -> tuple[str | None, str, str]:
    """Return (province folder or None, language, kind) of a report id.

    Examples
    --------
    >>> report_place("ha-nam/en/party"), report_place("comparison_x"), report_place("en/x")
    (('ha-nam', 'en', 'party'), (None, 'vi', 'comparison_x'), (None, 'en', 'x'))
    """
    parts = report_id.split("/")
    lang = "en" if "en" in parts[:-1] else "vi"
    folder = parts[0] if len(parts) > 1 and parts[0] != "en" else None
    return folder, lang, parts[-1]


def link_siblings(
    specs: Sequence[ReportSpec],
    notebook_parameters: Mapping[str, Mapping[str, Any]],
    published: Iterable[str] = (),
) -> list[ReportSpec]:
    """Tell each report which of its province's reports exist, in its language and the other.

    A report exists when this run builds it or an earlier run published it (``published``:
    report ids). Notebooks declaring ``sibling_reports`` get the kinds in their language,
    those declaring ``other_lang_reports`` the kinds in the other language.

    Examples
    --------
    >>> a = ReportKind("overview", Path("o.ipynb"))
    >>> b = ReportKind("party", Path("s.ipynb"), {"sector": "party"})
    >>> specs = [ReportSpec("x/overview", a, "X", "vi", {}),
    ...          ReportSpec("x/party", b, "X", "vi", {})]
    >>> declared = {"o.ipynb": {"sibling_reports": {}, "other_lang_reports": {}}, "s.ipynb": {}}
    >>> [s.parameters for s in link_siblings(specs, declared)]
    [{'sibling_reports': 'overview,party', 'other_lang_reports': ''}, {}]
    >>> link_siblings(specs, declared, ["x/en/overview"])[0].parameters["other_lang_reports"]
    'overview'
    """
    kinds: dict[tuple[str | None, str], list[str]] = {}
    for spec in specs:
        folder = province_slug(spec.province) if spec.province is not None else None
        kinds.setdefault((folder, spec.lang), []).append(spec.kind.name)
    for report_id in published:
        folder, lang, kind = report_place(report_id)
        kinds.setdefault((folder, lang), []).append(kind)
    out = []
    for spec in specs:
        declared = notebook_parameters.get(str(spec.kind.notebook), {})
        folder = province_slug(spec.province) if spec.province is not None else None
        other = "en" if spec.lang == "vi" else "vi"
        values = dict(spec.parameters)
        if SIBLINGS_PARAMETER in declared:
            values[SIBLINGS_PARAMETER] = ",".join(dict.fromkeys(kinds[(folder, spec.lang)]))
        if TRANSLATIONS_PARAMETER in declared:
            values[TRANSLATIONS_PARAMETER] = ",".join(dict.fromkeys(kinds.get((folder, other), [])))
        if values != dict(spec.parameters):
            spec = ReportSpec(spec.report_id, spec.kind, spec.province, spec.lang, values)
        out.append(spec)
    return out


def check_parameters(
    specs: Iterable[ReportSpec],
    notebook_parameters: Mapping[str, Mapping[str, Any]],
    domains: Mapping[str, Iterable[Any]],
) -> None:
    """Check every report's parameters before any kernel starts.

    Names must be declared in the notebook's ``parameters`` cell, values must have the
    declared type (``str``, ``int``, ``float``, ``bool``) and lie in their domain when one
    is given (``{"province": [...], "sector": [...], "lang": ["vi", "en"]}``).

    Raises
    ------
    ParameterError
        With one line per problem (report id: parameter: reason).

    Examples
    --------
    >>> kind = ReportKind("party", Path("sector.ipynb"), {"sector": "party"})
    >>> spec = ReportSpec("ha-nam/party", kind, "Hà Nam", "vi", {"sector": "parti", "x": 1})
    >>> nb = {"sector.ipynb": {"sector": {"type": "str"}}}
    >>> check_parameters([spec], nb, {"sector": ["party"]})
    Traceback (most recent call last):
    ...
    nq18lib.exceptions.ParameterError: 2 parameter problem(s):
      ha-nam/party: sector: 'parti' is not one of: party
      ha-nam/party: x: not a parameter of sector.ipynb (it has: sector)
    """
    allowed = {name: list(values) for name, values in domains.items()}
    problems = []
    for spec in specs:
        declared = notebook_parameters[str(spec.kind.notebook)]
        for name, value in sorted(spec.parameters.items()):
            where = f"{spec.report_id}: {name}"
            if name not in declared:
                problems.append(
                    f"{where}: not a parameter of {spec.kind.notebook.name} "
                    f"(it has: {', '.join(declared) or 'none'})"
                )
                continue
            expected = TYPES.get(str(declared[name].get("type", "")).strip())
            if expected and (
                not isinstance(value, expected)
                or (isinstance(value, bool) and bool not in expected)
            ):
                problems.append(f"{where}: {value!r} is not of type {declared[name]['type']}")
                continue
            if name in allowed and value not in allowed[name]:
                choices = ", ".join(map(str, allowed[name][:20]))
                problems.append(f"{where}: {value!r} is not one of: {choices}")
    if problems:
        raise ParameterError(
            f"{len(problems)} parameter problem(s):\n  " + "\n  ".join(dict.fromkeys(problems))
        )


def inspect_parameters(notebook: str | os.PathLike) -> dict[str, dict[str, Any]]:
    """Return the parameters a notebook declares, read by ``papermill.inspect_notebook``.

    ``{name: {"type": "str", "default": "'Hà Nam'", "help": "..."}}``; the type is the
    annotation as written (``"None"`` when absent).
    """
    import papermill

    found = papermill.inspect_notebook(str(notebook))
    return {
        name: {
            "type": str(p.get("inferred_type_name", "None")),
            "default": p.get("default"),
            "help": p.get("help", ""),
        }
        for name, p in found.items()
    }
