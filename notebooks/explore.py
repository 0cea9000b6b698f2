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

# %% [markdown]
# # Khám phá số liệu Nghị quyết 18 với `nq18lib` (exploring the data)
#
# Sổ tay này dành cho người phân tích mở JupyterLab: cách **nạp**, **lọc**, **tính** và
# **vẽ** số liệu bằng API công khai `import nq18lib as nq`. Mỗi bước một ô; sửa tham số ở ô
# dưới rồi chạy lại (*Run → Run All Cells*).
#
# *For analysts: load, filter, compute and chart the figures with the public API.*

# %% tags=["parameters"]
province: str = "Hà Nam"  # jurisdiction to explore, as written in the data
sector: str = "admin_units"  # party | government | public_service | admin_units | staffing
lang: str = "vi"  # language of labels and number format: vi | en
data_path: str = ""  # figures file or folder; empty: data/figures

# %% [markdown]
# ## 1. Nạp số liệu (load)
# `nq.load_figures` đọc mọi bảng trong `data/figures` (CSV hoặc XLSX, tiêu đề tiếng Việt
# hoặc tiếng Anh), kiểm tra từng dòng và báo lỗi kèm tệp, dòng, cột nếu có. Kết quả là một
# `DataFrame` theo hợp đồng dữ liệu: mỗi dòng một số liệu.

# %%
import nq18lib as nq

figures = nq.load_figures(data_path or None)
figures.head()

# %% [markdown]
# ## 2. Lọc (filter)
# `nq.select_figures` lọc theo địa phương, khối, nội dung, tình trạng (`result`/`plan`) và
# giai đoạn; giá trị không hợp lệ bị từ chối với thông báo rõ ràng. Danh sách khối và nội
# dung lấy từ bảng phân loại (`nq.sector_codes()`, `nq.categories_of(sector)`).

# %%
print(nq.sector_codes())
print(nq.categories_of(sector))
selected = nq.select_figures(figures, province=province, sector=sector)
selected[["figure_id", "category", "reduced", "percent", "status", "phase"]]

# %% [markdown]
# ## 3. Tính (compute)
# Nguồn thường chỉ nêu số giảm và tỷ lệ đã làm tròn. `nq.implied_baseline` trả về khoảng
# quy mô trước sắp xếp phù hợp với cả hai; `nq.implied_counts` làm việc này cho cả bảng
# (ưu tiên số trước/sau hoặc mẫu số nếu nguồn có nêu).

# %%
print(nq.implied_baseline(553, 44.6, 1))  # 553 thôn, 44,6% -> (1239, 1241)
nq.implied_counts(selected)

# %% [markdown]
# Kiểm tra chất lượng: `nq.audit_figures` xem từng số liệu có tự mâu thuẫn không;
# `nq.audit_findings` trải các phát hiện thành một bảng (giải thích bằng tiếng Việt và
# tiếng Anh). Đối chiếu mục tiêu quốc gia: `nq.target_attainment(figures, nq.load_targets())`.

# %%
findings = nq.audit_findings(nq.audit_figures(selected))
findings[["figure_id", "check", "severity", f"message_{lang}"]]

# %%
attainment = nq.target_attainment(selected, nq.load_targets())
attainment[["figure_id", "target_id", "rate", "min_percent", "status", f"caveat_{lang}"]]

# %% [markdown]
# ## 4. Vẽ và xuất bảng (chart and tables)
# Các hàm vẽ trả về một `plotly` Figure (hoặc `None` nếu không có gì để vẽ) theo cùng một
# giao diện và cách viết số của báo cáo; `nq.show_figure` hiển thị nó. Bảng định dạng
# cho người đọc: `nq.cuts_table`, `nq.baselines_table` …; `nq.ReportTables(path, lang)`
# gom các bảng và ghi ra một tệp Excel.

# %%
nq.show_figure(nq.reduction_bar(selected, lang), lang)

# %%
nq.show_figure(nq.before_after_chart(nq.size_table(selected), lang), lang)

# %%
tables = nq.ReportTables("", lang)  # put a path such as "out/tables.xlsx" to save
tables.show(nq.baselines_table(nq.size_table(selected), lang), "before_after")
