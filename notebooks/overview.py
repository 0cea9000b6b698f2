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
# # Province overview (tổng quan tỉnh)
# Every sector of one province at a glance: headline numbers, rates by sector, sizes before
# and after, targets and a summary of the data-quality audit.
# Run: `papermill notebooks/overview.ipynb out.ipynb -p province "Hà Nam" -p lang en`.
# This cell is not shown in reports.

# %% tags=["parameters"]
province: str = "Hà Nam"  # jurisdiction as written in the data, e.g. "Hà Nam"
status: str = "all"  # figures to show: all | result (achieved) | plan (planned)
lang: str = "vi"  # report language: vi | en
data_path: str = ""  # figures file or folder; empty: data/figures
tables_path: str = ""  # write every table of the report to this .xlsx file; empty: do not
sibling_reports: str = ""  # kinds of the province's reports in the run (the runner sets it)
other_lang_reports: str = ""  # its reports in the other language (the runner sets it)

# %%
from IPython.display import Markdown, display

import nq18lib as nq

figures = nq.load_figures(data_path or None)
selected = nq.select_figures(figures, province=province, status=status)
tables = nq.ReportTables(tables_path, lang)
nq.show_navigation(figures, province, "overview", lang, sibling_reports, other_lang_reports)
display(Markdown(nq.heading("title.overview", lang, 1, province=province)))
findings = nq.audit_findings(nq.audit_figures(selected))
flagged = nq.flagged_ids(findings)
nq.show_key_points(selected, province, lang, findings=findings)
Markdown(nq.describe_overview(selected, province, lang))

# %%
display(Markdown(nq.heading("heading.headline", lang)))

# %%
nq.show_figure(nq.reduction_bar(selected, lang, color_by="sector", flagged=flagged), lang)
display(Markdown(nq.describe_rates(selected, lang)))

# %%
tables.show(
    nq.cuts_table(selected, lang, with_sector=True, flagged=flagged),
    "headline",
    nq.label("heading.headline", lang),
)

# %%
sizes = nq.size_table(selected)
display(Markdown(nq.heading("heading.before_after", lang)))
display(Markdown(nq.describe_sizes(sizes, lang)))

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
display(Markdown(nq.heading("heading.findings_summary", lang)))
display(Markdown(nq.findings_summary(findings, len(selected), lang)))

# %%
nq.show_figure(nq.findings_chart(findings, lang), lang)

# %%
display(Markdown(nq.heading("heading.sources", lang)))
tables.show(nq.sources_table(selected, lang), "sources", nq.label("heading.sources", lang))

# %%
parameters = {
    "province": province,
    "status": status,
    "lang": lang,
    "data_path": data_path,
    "tables_path": tables_path,
}
nq.show_provenance(parameters, data_path, lang, tables)
saved = tables.save()
