# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Sắp xếp, tinh gọn bộ máy theo Nghị quyết 18-NQ/TW: báo cáo theo khối

# %% tags=["parameters"]
province: str = "Hà Nam"  # province as written in the data ("Hà Nam")
sector: str = "party"  # party | government | public_service | admin_units | staffing
lang: str = "vi"  # report language: vi | en
data_path: str = ""  # figures file or folder; empty means data/figures

# %%
import nq18lib as nq
from IPython.display import Markdown

figures = nq.load_figures(data_path or None)
selected = figures[
    (figures["jurisdiction"] == province)
    & figures["category"].isin(nq.categories_of(sector))
]
Markdown(f"## {province}: {nq.sector_label(sector, lang)}")

# %%
from nq18lib.charts import reduction_bar, show_figure

show_figure(reduction_bar(selected, lang), lang)

# %%
selected[["category", "reduced", "percent", "numerator", "denominator", "status"]]
