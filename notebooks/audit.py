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
# # Data-quality audit (kiểm tra chất lượng số liệu)
# Every finding of `nq18lib.audit.checks.audit_figures` for one province, most severe first,
# with its explanation in the reader's language, and the size each figure implies.
# Run: `papermill notebooks/audit.ipynb out.ipynb -p province "Hà Nam" -p lang en`.
# This cell is not shown in reports.

# %% tags=["parameters"]
province: str = "Hà Nam"  # jurisdiction as written in the data, e.g. "Hà Nam"
lang: str = "vi"  # report language: vi | en
data_path: str = ""  # figures file or folder; empty: data/figures
tables_path: str = ""  # write every table of the report to this .xlsx file; empty: do not
sibling_reports: str = ""  # kinds of the province's reports in the run (the runner sets it)
other_lang_reports: str = ""  # its reports in the other language (the runner sets it)

# %%
from IPython.display import Markdown, display

import nq18lib as nq

figures = nq.load_figures(data_path or None)
selected = nq.select_figures(figures, province=province)
findings = nq.audit_findings(nq.audit_figures(selected))
tables = nq.ReportTables(tables_path, lang)
nq.show_navigation(figures, province, "audit", lang, sibling_reports, other_lang_reports)
display(Markdown(nq.heading("title.audit", lang, 1, province=province)))
display(Markdown(nq.note("text.audit_intro", lang)))
Markdown(nq.findings_summary(findings, len(selected), lang))

# %%
display(Markdown(nq.heading("heading.findings", lang)))
nq.show_figure(nq.findings_chart(findings, lang), lang)

# %%
tables.show(
    nq.findings_table(findings, lang, selected), "findings", nq.label("heading.findings", lang)
)

# %%
sizes = nq.size_table(selected)
display(Markdown(nq.heading("heading.baselines", lang)))
display(Markdown(nq.describe_sizes(sizes, lang)))

# %%
tables.show(
    nq.baselines_table(sizes, lang), "baselines", nq.label("heading.baselines", lang), quiet=True
)

# %%
display(Markdown(nq.heading("heading.cuts", lang)))
tables.show(
    nq.cuts_table(selected, lang, with_sector=True, flagged=nq.flagged_ids(findings)),
    "figures",
    nq.label("heading.cuts", lang),
)

# %%
display(Markdown(nq.heading("heading.sources", lang)))
tables.show(nq.sources_table(selected, lang), "sources", nq.label("heading.sources", lang))

# %%
parameters = {
    "province": province,
    "lang": lang,
    "data_path": data_path,
    "tables_path": tables_path,
}
nq.show_provenance(parameters, data_path, lang, tables)
saved = tables.save()
