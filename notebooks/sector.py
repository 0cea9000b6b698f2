# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown] tags=["remove-cell"]
# # Sector report (báo cáo theo khối)
# One sector of one province: what was cut, rates, sizes before and after (ranges),
# targets, other jurisdictions, data-quality findings, sources and provenance.
# Run: `papermill notebooks/sector.ipynb out.ipynb -p sector staffing -p lang en`.
# This cell is not shown in reports.

# %% tags=["parameters"]
province: str = "Hà Nam"  # jurisdiction as written in the data, e.g. "Hà Nam"
sector: str = "party"  # party | government | public_service | admin_units | staffing
status: str = "all"  # figures to show: all | result (achieved) | plan (planned)
phase: str = ""  # phase as written in the data, e.g. "giai đoạn 1"; empty: every phase
lang: str = "vi"  # report language: vi | en
data_path: str = ""  # figures file or folder; empty: data/figures
tables_path: str = ""  # write every table of the report to this .xlsx file; empty: do not
sibling_reports: str = ""  # kinds of the province's reports in the run (the runner sets it)
other_lang_reports: str = ""  # its reports in the other language (the runner sets it)

# %%
from IPython.display import Markdown, display

import nq18lib as nq

figures = nq.load_figures(data_path or None)
selected = nq.select_figures(figures, province=province, sector=sector, status=status, phase=phase)
tables = nq.ReportTables(tables_path, lang)
nq.show_navigation(figures, province, sector, lang, sibling_reports, other_lang_reports)
display(
    Markdown(
        nq.heading("title.sector", lang, 1, province=province, sector=nq.sector_label(sector, lang))
    )
)
findings = nq.audit_findings(nq.audit_figures(selected))
flagged = nq.flagged_ids(findings)
nq.show_key_points(selected, province, lang, findings=findings)
Markdown(nq.describe_selection(selected, province, sector, status, phase, lang))

# %%
display(Markdown(nq.heading("heading.cuts", lang)))
display(Markdown(nq.list_cuts(selected, lang)))

# %%
tables.show(
    nq.cuts_table(selected, lang, flagged=flagged),
    "cuts",
    nq.label("heading.cuts", lang),
    quiet=True,
)

# %%
display(Markdown(nq.heading("heading.rates", lang)))

# %%
nq.show_figure(nq.reduction_bar(selected, lang, flagged=flagged), lang)
Markdown(nq.describe_rates(selected, lang))

# %%
sizes = nq.size_table(selected)
display(Markdown(nq.heading("heading.before_after", lang)))
display(Markdown(nq.describe_sizes(sizes, lang)))

# %%
nq.show_figure(nq.before_after_chart(sizes, lang), lang)

# %%
tables.show(
    nq.baselines_table(sizes, lang), "before_after", nq.label("heading.baselines", lang), quiet=True
)

# %%
attainment = nq.target_attainment(selected, nq.load_targets())
display(Markdown(nq.heading("heading.targets", lang)))
display(Markdown(nq.describe_targets(attainment, lang)))

# %%
nq.show_figure(nq.attainment_chart(attainment, lang), lang)

# %%
tables.show(
    nq.attainment_table(attainment, lang), "targets", nq.label("heading.targets", lang), quiet=True
)

# %%
comparable = nq.comparable_figures(figures, province, sector=sector, status=status, phase=phase)
display(Markdown(nq.heading("heading.comparison", lang)))
display(Markdown(nq.describe_others(comparable, province, lang)))

# %%
nq.show_figure(nq.comparison_chart(comparable, lang, highlight=province), lang)

# %%
tables.show(
    nq.comparison_table(comparable, lang),
    "comparison",
    nq.label("heading.comparison", lang),
    quiet=True,
)

# %%
display(Markdown(nq.heading("heading.findings", lang)))
display(Markdown(nq.findings_summary(findings, len(selected), lang)))

# %%
tables.show(
    nq.findings_table(findings, lang, selected),
    "findings",
    nq.label("heading.findings", lang),
    quiet=True,
)

# %%
display(Markdown(nq.heading("heading.sources", lang)))
tables.show(nq.sources_table(selected, lang), "sources", nq.label("heading.sources", lang))

# %%
parameters = {
    "province": province,
    "sector": sector,
    "status": status,
    "phase": phase,
    "lang": lang,
    "data_path": data_path,
    "tables_path": tables_path,
}
nq.show_provenance(parameters, data_path, lang, tables)
saved = tables.save()
