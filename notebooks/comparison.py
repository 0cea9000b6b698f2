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
# # Comparison across provinces (so sánh giữa các địa phương)
# One category, every jurisdiction in the data: published rates side by side, and a
# ranking whose ranks are ranges where rounding cannot tell jurisdictions apart.
# Run: `papermill notebooks/comparison.ipynb out.ipynb -p category commune_unit`.
# This cell is not shown in reports.

# %% tags=["parameters"]
category: str = "commune_unit"  # a category code of data/reference/taxonomy.csv
status: str = "result"  # figures to rank: result (achieved) | plan (planned)
phase: str = ""  # phase as written in the data, e.g. "giai đoạn 1"; empty: every phase
highlight: str = "Hà Nam"  # jurisdiction drawn in the accent colour; empty: none
lang: str = "vi"  # report language: vi | en
data_path: str = ""  # figures file or folder; empty: data/figures
tables_path: str = ""  # write every table of the report to this .xlsx file; empty: do not
other_lang_reports: str = ""  # reports in the other language (the runner sets it)

# %%
from IPython.display import Markdown, display

import nq18lib as nq

figures = nq.load_figures(data_path or None)
pool = nq.like_with_like(nq.select_figures(figures, category=category, status=status, phase=phase))
selected = nq.comparable_groups(pool)
ranked = nq.ranked_group(selected)
tables = nq.ReportTables(tables_path, lang)
kind = f"comparison_{category}"
nq.show_navigation(figures, "", kind, lang, translations=other_lang_reports)
display(
    Markdown(nq.heading("title.comparison", lang, 1, category=nq.category_label(category, lang)))
)
Markdown(nq.describe_comparison(selected, category, lang))

# %%
display(Markdown(nq.heading("heading.rates", lang)))
nq.show_figure(nq.comparison_chart(selected, lang, highlight=highlight), lang)
display(Markdown(nq.note("text.comparison_note", lang)))

# %%
display(Markdown(nq.describe_ranking(ranked, pool, lang)))
tables.show(
    nq.ranking_table(nq.rank_jurisdictions(ranked, category, status=status), lang, ranked),
    "ranking",
    nq.label("col.rank", lang),
    quiet=True,
)

# %%
display(Markdown(nq.heading("heading.cuts", lang)))
tables.show(nq.comparison_table(selected, lang), "figures", nq.label("heading.cuts", lang))

# %%
display(Markdown(nq.heading("heading.sources", lang)))
tables.show(nq.sources_table(selected, lang), "sources", nq.label("heading.sources", lang))

# %%
parameters = {
    "category": category,
    "status": status,
    "phase": phase,
    "highlight": highlight,
    "lang": lang,
    "data_path": data_path,
    "tables_path": tables_path,
}
nq.show_provenance(parameters, data_path, lang, tables)
saved = tables.save()
