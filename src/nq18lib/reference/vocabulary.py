"""Reader-facing words of the reports, in Vietnamese and English, in one place.

Headings, axis titles, column headers, statuses and caveats all come from :data:`LABELS`,
so a report never mixes languages and a wording is changed once. Keys are dotted:
``heading.*`` for section titles, ``axis.*`` for chart axes, ``col.*`` for table headers,
``status.*``, ``severity.*``, ``attainment.*`` for values shown to readers, ``text.*`` for
narrative sentences (``str.format`` fields in braces).
"""

from __future__ import annotations

import pandas as pd

from nq18lib.exceptions import ParameterError

LANGS = ("vi", "en")

LABELS: dict[str, dict[str, str]] = {
    # report titles
    "title.sector": {
        "vi": "{province}: {sector} — kết quả sắp xếp, tinh gọn theo Nghị quyết số 18-NQ/TW",
        "en": "{province}: {sector} — streamlining under Resolution 18-NQ/TW",
    },
    "title.overview": {
        "vi": "{province}: tổng quan kết quả thực hiện Nghị quyết số 18-NQ/TW",
        "en": "{province}: Resolution 18-NQ/TW at a glance",
    },
    "title.audit": {
        "vi": "{province}: kiểm tra chất lượng số liệu",
        "en": "{province}: data-quality audit",
    },
    "title.comparison": {
        "vi": "So sánh giữa các địa phương: {category}",
        "en": "Comparison across provinces: {category}",
    },
    # section headings
    "heading.cuts": {"vi": "Kết quả sắp xếp, cắt giảm", "en": "What was cut"},
    "heading.rates": {"vi": "Tỷ lệ cắt giảm", "en": "Reduction rates"},
    "heading.baselines": {
        "vi": "Quy mô trước khi sắp xếp (suy ra từ số liệu)",
        "en": "Size before streamlining (implied by the figures)",
    },
    "heading.before_after": {"vi": "Trước và sau sắp xếp", "en": "Before and after"},
    "heading.targets": {"vi": "So với mục tiêu đề ra", "en": "Against the targets"},
    "heading.comparison": {
        "vi": "So sánh với các địa phương khác",
        "en": "Comparison with other jurisdictions",
    },
    "heading.sectors": {"vi": "Các khối", "en": "Sectors"},
    "heading.headline": {"vi": "Những con số chính", "en": "Headline numbers"},
    "heading.findings": {"vi": "Kết quả kiểm tra số liệu", "en": "Data-quality findings"},
    "heading.findings_summary": {
        "vi": "Tóm tắt kiểm tra số liệu",
        "en": "Summary of the data-quality audit",
    },
    "heading.checks": {"vi": "Các phép kiểm tra", "en": "The checks"},
    "heading.sources": {"vi": "Nguồn số liệu", "en": "Sources"},
    "heading.provenance": {"vi": "Thông tin về báo cáo này", "en": "About this report"},
    # chart axes and legends
    "axis.percent": {"vi": "Tỷ lệ giảm (%)", "en": "Reduction rate (%)"},
    "axis.count": {"vi": "Số lượng", "en": "Count"},
    "axis.findings": {"vi": "Số vấn đề phát hiện", "en": "Findings"},
    "axis.jurisdiction": {"vi": "Địa phương", "en": "Jurisdiction"},
    "legend.before": {"vi": "Trước", "en": "Before"},
    "legend.after": {"vi": "Sau", "en": "After"},
    "legend.target": {"vi": "Mục tiêu", "en": "Target"},
    "legend.achieved": {"vi": "Tỷ lệ đạt được", "en": "Rate reached"},
    "legend.own": {
        "vi": "{province} (địa phương của báo cáo này)",
        "en": "{province} (this report)",
    },
    "legend.others": {"vi": "Địa phương khác", "en": "Other jurisdictions"},
    "legend.flagged": {
        "vi": "⚠ số liệu cần xem lại (xem báo cáo Kiểm tra số liệu)",
        "en": "⚠ figure flagged by the audit (see the data audit)",
    },
    "legend.range": {"vi": "khoảng có thể", "en": "possible range"},
    "hover.reduced": {"vi": "Giảm", "en": "Reduced"},
    "hover.rate": {"vi": "Tỷ lệ", "en": "Rate"},
    "hover.source": {"vi": "Nguồn", "en": "Source"},
    "hover.location": {"vi": "Vị trí trong nguồn", "en": "Location"},
    "hover.baseline": {"vi": "Trước sắp xếp", "en": "Before"},
    "hover.after": {"vi": "Sau sắp xếp", "en": "After"},
    "hover.basis": {"vi": "Cách xác định", "en": "Basis"},
    # table headers
    "col.figure_id": {"vi": "Mã số liệu", "en": "Figure id"},
    "col.jurisdiction": {"vi": "Địa phương", "en": "Jurisdiction"},
    "col.sector": {"vi": "Khối", "en": "Sector"},
    "col.category": {"vi": "Nội dung", "en": "Category"},
    "col.level": {"vi": "Cấp", "en": "Level"},
    "col.status": {"vi": "Tình trạng", "en": "Status"},
    "col.phase": {"vi": "Giai đoạn", "en": "Phase"},
    "col.period": {"vi": "Thời kỳ", "en": "Period"},
    "col.reduced": {"vi": "Số giảm", "en": "Reduced"},
    "col.unit": {"vi": "Đơn vị tính", "en": "Unit"},
    "col.percent": {"vi": "Tỷ lệ giảm", "en": "Rate"},
    "col.bound": {"vi": "Giới hạn (hơn/gần/khoảng)", "en": "Bound (more than/nearly/about)"},
    "col.fraction": {"vi": "Phân số", "en": "Fraction"},
    "col.baseline_min": {"vi": "Trước (thấp nhất)", "en": "Before (lowest)"},
    "col.baseline_max": {"vi": "Trước (cao nhất)", "en": "Before (highest)"},
    "col.baseline_range": {"vi": "Quy mô trước sắp xếp", "en": "Size before"},
    "col.after_range": {"vi": "Quy mô sau sắp xếp", "en": "Size after"},
    "col.basis": {"vi": "Cách xác định", "en": "Basis"},
    "col.source": {"vi": "Nguồn", "en": "Source"},
    "col.source_id": {"vi": "Mã nguồn", "en": "Source id"},
    "col.location": {"vi": "Vị trí trong nguồn", "en": "Place in source"},
    "col.target": {"vi": "Mục tiêu", "en": "Target"},
    "col.instrument": {"vi": "Văn bản", "en": "Instrument"},
    "col.target_summary": {"vi": "Mục tiêu (năm gốc – thời hạn)", "en": "Target (base–deadline)"},
    "col.document": {"vi": "Tài liệu, địa chỉ", "en": "Document or address"},
    "col.target_period": {"vi": "Năm gốc – thời hạn", "en": "Base year – deadline"},
    "col.figure_period": {"vi": "Thời kỳ của số liệu", "en": "Period of the figure"},
    "col.target_text": {"vi": "Nội dung mục tiêu", "en": "The target"},
    "col.target_source": {"vi": "Văn bản đặt mục tiêu", "en": "Target set by"},
    "col.attainment": {"vi": "Đánh giá", "en": "Assessment"},
    "col.caveat": {"vi": "Lưu ý", "en": "Caveat"},
    "col.rate": {"vi": "Tỷ lệ đạt được", "en": "Rate achieved"},
    "col.check": {"vi": "Phép kiểm tra", "en": "Check"},
    "col.severity": {"vi": "Mức độ", "en": "Severity"},
    "col.message": {"vi": "Giải thích", "en": "Explanation"},
    "col.findings": {"vi": "Số phát hiện", "en": "Findings"},
    "col.figures": {"vi": "Số liệu", "en": "Figures"},
    "col.rank": {"vi": "Thứ hạng", "en": "Rank"},
    "col.rank_range": {"vi": "Thứ hạng có thể", "en": "Possible ranks"},
    "col.title": {"vi": "Tên nguồn", "en": "Title"},
    "col.publisher": {"vi": "Cơ quan công bố", "en": "Publisher"},
    "col.date": {"vi": "Ngày", "en": "Date"},
    "col.quality": {"vi": "Độ tin cậy", "en": "Quality"},
    "col.sheet": {"vi": "Trang tính", "en": "Sheet"},
    "col.caption": {"vi": "Nội dung bảng", "en": "Table"},
    "col.item": {"vi": "Mục", "en": "Item"},
    "col.value": {"vi": "Giá trị", "en": "Value"},
    "col.file": {"vi": "Tệp", "en": "File"},
    "col.sha256": {"vi": "Mã băm SHA-256", "en": "SHA-256"},
    "col.package": {"vi": "Gói phần mềm", "en": "Package"},
    "col.version": {"vi": "Phiên bản", "en": "Version"},
    # values shown to readers
    # status: one wording everywhere (tables, charts, bullets, legends, filters)
    "status.result": {"vi": "đã thực hiện", "en": "done"},
    "status.plan": {"vi": "kế hoạch", "en": "planned"},
    "status.partly_projected": {
        "vi": "đã thực hiện một phần, phần còn lại dự kiến",
        "en": "partly done, partly projected",
    },
    "status.all": {"vi": "tất cả", "en": "all"},
    "status_short.result": {"vi": "đã thực hiện", "en": "done"},
    "status_short.plan": {"vi": "kế hoạch", "en": "planned"},
    "status_short.partly_projected": {"vi": "có phần dự kiến", "en": "partly projected"},
    "filter.all": {"vi": "đã thực hiện và kế hoạch", "en": "done and planned"},
    "filter.result": {"vi": "chỉ số liệu đã thực hiện", "en": "done only"},
    "filter.plan": {"vi": "chỉ kế hoạch", "en": "planned only"},
    "filter.partly_projected": {"vi": "chỉ số liệu có phần dự kiến", "en": "partly projected only"},
    "round.2017-2021": {
        "vi": "đợt 1 (2017–2021, gồm sắp xếp đơn vị hành chính cấp xã 2019–2021)",
        "en": "first round (2017–2021, incl. the 2019–2021 commune mergers)",
    },
    "round.2023-2025": {
        "vi": "sắp xếp đơn vị hành chính cấp huyện, cấp xã 2023–2025",
        "en": "commune mergers of 2023–2025",
    },
    "round.2025": {
        "vi": "sắp xếp năm 2025 (không tổ chức cấp huyện; 63 tỉnh, thành phố còn 34)",
        "en": "the 2025 restructuring (no district level, 63 → 34 provinces)",
    },
    "scope.central": {"vi": "trung ương", "en": "central"},
    "scope.provincial": {"vi": "cấp tỉnh", "en": "provincial"},
    "scope.district": {"vi": "cấp huyện", "en": "district"},
    "scope.commune": {"vi": "cấp xã", "en": "commune"},
    "scope.village": {"vi": "thôn, tổ dân phố", "en": "village"},
    "severity.error": {"vi": "lỗi", "en": "error"},
    "severity.warning": {"vi": "cảnh báo", "en": "warning"},
    "severity.info": {"vi": "ghi chú", "en": "note"},
    "attainment.attained": {"vi": "đạt", "en": "attained"},
    "attainment.not_attained": {"vi": "chưa đạt", "en": "not attained"},
    "attainment.not_comparable": {"vi": "không so sánh được", "en": "not comparable"},
    "check.fraction_vs_reduced": {
        "vi": "Tử số khớp số giảm",
        "en": "Numerator equals count",
    },
    "check.percent_vs_fraction": {"vi": "Tỷ lệ khớp phân số", "en": "Rate matches fraction"},
    "check.percent_vs_counts": {
        "vi": "Tỷ lệ khớp số trước/sau",
        "en": "Rate matches counts",
    },
    "check.after_vs_baseline": {"vi": "Số sau = trước − giảm", "en": "After = before − cut"},
    "check.reduced_vs_baseline": {"vi": "Số giảm ≤ số trước", "en": "Cut ≤ before"},
    "check.percent_impossible": {"vi": "Tỷ lệ không thể có", "en": "Impossible rate"},
    "check.implied_baseline": {"vi": "Suy ra quy mô trước sắp xếp", "en": "Implied size before"},
    "check.percent_only": {"vi": "Chỉ có tỷ lệ", "en": "Rate only"},
    "check.count_only": {"vi": "Chỉ có số lượng", "en": "Count only"},
    "check.parts_vs_total": {"vi": "Các phần so với tổng", "en": "Parts against total"},
    "check.conflicting_figures": {"vi": "Số liệu mâu thuẫn nhau", "en": "Conflicting figures"},
    "check.reference_count": {"vi": "So với số đếm đã biết", "en": "Against known counts"},
    "indicative.above_minimum": {"vi": "cao hơn mức mục tiêu", "en": "above the target"},
    "indicative.below_minimum": {"vi": "thấp hơn mức mục tiêu", "en": "below the target"},
    "range.min": {"vi": "thấp nhất", "en": "min"},
    "range.max": {"vi": "cao nhất", "en": "max"},
    "phase.1": {"vi": "giai đoạn 1", "en": "phase 1"},
    "phase.2": {"vi": "giai đoạn 2", "en": "phase 2"},
    "phase.all": {"vi": "cả 2 giai đoạn", "en": "both phases"},
    "noun.figure": {"vi": "số liệu", "en": "figure|figures"},
    "noun.source": {"vi": "nguồn", "en": "source|sources"},
    "noun.category": {"vi": "nội dung", "en": "category|categories"},
    "noun.sector": {"vi": "khối", "en": "sector|sectors"},
    "noun.jurisdiction": {"vi": "địa phương", "en": "jurisdiction|jurisdictions"},
    "noun.error": {"vi": "lỗi", "en": "error|errors"},
    "noun.warning": {"vi": "cảnh báo", "en": "warning|warnings"},
    "noun.note": {"vi": "ghi chú", "en": "note|notes"},
    "basis.reported": {"vi": "nguồn nêu", "en": "reported"},
    "basis.after": {"vi": "số sau + số giảm", "en": "after + reduced"},
    "basis.fraction": {"vi": "mẫu số của phân số", "en": "the fraction's denominator"},
    "basis.percent": {"vi": "suy ra từ số giảm và tỷ lệ", "en": "implied by count and rate"},
    "level.tinh": {"vi": "tỉnh", "en": "province"},
    "level.huyen": {"vi": "huyện", "en": "district"},
    "level.xa": {"vi": "xã", "en": "commune"},
    "level.thon": {"vi": "thôn", "en": "village"},
    "param.province": {"vi": "Địa phương", "en": "Province"},
    "param.sector": {"vi": "Khối", "en": "Sector"},
    "param.category": {"vi": "Nội dung", "en": "Category"},
    "param.status": {"vi": "Số liệu được chọn", "en": "Figures shown"},
    "param.phase": {"vi": "Giai đoạn", "en": "Phase"},
    "param.lang": {"vi": "Ngôn ngữ", "en": "Language"},
    "param.highlight": {"vi": "Địa phương được làm nổi bật", "en": "Highlighted jurisdiction"},
    "param.data_path": {"vi": "Tệp số liệu", "en": "Figures data"},
    "param.tables_path": {"vi": "Tệp bảng (Excel)", "en": "Tables workbook"},
    "lang.vi": {"vi": "Tiếng Việt", "en": "Vietnamese"},
    "lang.en": {"vi": "Tiếng Anh", "en": "English"},
    "prov.parameters": {"vi": "Lựa chọn của báo cáo", "en": "Choices of this report"},
    "prov.data": {"vi": "Tệp dữ liệu", "en": "Data files"},
    "prov.packages": {"vi": "Phần mềm", "en": "Software"},
    "prov.commit": {"vi": "Phiên bản mã nguồn (git)", "en": "Code version (git commit)"},
    "prov.time": {"vi": "Thời điểm tạo", "en": "Built at"},
    "prov.unknown": {"vi": "không xác định", "en": "unknown"},
    "prov.empty": {"vi": "(trống)", "en": "(empty)"},
    # navigation, key points, today's map, index
    "nav.index": {"vi": "Danh mục báo cáo", "en": "All reports"},
    "nav.other_lang": {"vi": "English version", "en": "Bản tiếng Việt"},
    "nav.reports": {"vi": "Các báo cáo khác của {province}", "en": "Other reports on {province}"},
    "nav.today": {"vi": "{province} (từ 01/7/2025)", "en": "{province} (from 1 July 2025)"},
    "kind.overview": {"vi": "Tổng quan", "en": "Overview"},
    "kind.audit": {"vi": "Kiểm tra số liệu", "en": "Data audit"},
    "heading.key_points": {"vi": "Điểm chính", "en": "Key points"},
    "key.period": {"vi": "Thời kỳ: {period}", "en": "Period: {period}"},
    "key.round": {"vi": "Đợt sắp xếp: {rounds}", "en": "Round: {rounds}"},
    "key.status": {
        "vi": "Tình trạng số liệu: {statuses}",
        "en": "Status of the figures: {statuses}",
    },
    "key.headline": {"vi": "Số liệu chính: {items}", "en": "Headline figures: {items}"},
    "key.partly_projected": {
        "vi": (
            "Lưu ý: {n} gồm cả phần đã thực hiện và phần dự kiến (chưa thực hiện), "
            "không phải toàn bộ là kết quả đã đạt được."
        ),
        "en": (
            "Caveat: {n} add a projected part (not yet done) to what was done; "
            "do not read them as results."
        ),
    },
    "key.plan": {
        "vi": "Lưu ý: {n} là kế hoạch, chưa phải kết quả thực hiện.",
        "en": "Caveat: {n} are plans, not results.",
    },
    "key.flagged": {
        "vi": "Lưu ý: {n} cần xem lại (⚠), theo [Kiểm tra số liệu]({href}).",
        "en": "Caveat: the audit flags {n} (⚠); see [the data audit]({href}).",
    },
    "key.none": {"vi": "Không có số liệu.", "en": "No figures."},
    "today.merged": {
        "vi": "Từ ngày 01/7/2025, {province} thuộc {successor} (sau khi hợp nhất {members}).",
        "en": "Since 1 July 2025, {province} is part of {successor} (merged from {members}).",
    },
    "today.title": {
        "vi": "{province} từ ngày 01/7/2025: báo cáo của các tỉnh, thành phố hợp thành",
        "en": "{province} from 1 July 2025: reports of the provinces it was formed from",
    },
    "today.intro": {
        "vi": "{province} được hình thành từ {members} (theo Nghị quyết số 202/2025/QH15).",
        "en": "{province} was formed from {members} (Resolution 202/2025/QH15).",
    },
    "today.no_data": {"vi": "chưa có số liệu", "en": "no figures yet"},
    "location.paragraph": {"vi": "đoạn {n}", "en": "paragraph {n}"},
    "location.line": {"vi": "dòng {n}", "en": "line {n}"},
    "quality.A": {"vi": "A: văn bản chính thức", "en": "A: official document"},
    "quality.B": {
        "vi": "B: báo chí đưa tin phát biểu, báo cáo chính thức",
        "en": "B: press report of an official statement",
    },
    "quality.C": {"vi": "C: nguồn thứ cấp", "en": "C: secondary source"},
    "text.inferred": {"vi": "(suy đoán)", "en": "(inferred)"},
    "publisher.aggregator": {"vi": "trang tổng hợp", "en": "aggregator"},
    "publisher.mirror": {"vi": "trang đăng lại", "en": "republished"},
    "publisher.mirror_of": {"vi": "đăng lại từ {name}", "en": "republished from {name}"},
    "publisher.from": {"vi": "theo {name}", "en": "from {name}"},
    "source_language.en": {"vi": "tiếng Anh", "en": "in English"},
    "source_language.fr": {"vi": "tiếng Pháp", "en": "in French"},
    "source_language.es": {"vi": "tiếng Tây Ban Nha", "en": "in Spanish"},
    "source_language.other": {"vi": "ngôn ngữ: {code}", "en": "language: {code}"},
    "heading.appendix": {
        "vi": "Phụ lục – Thông tin về báo cáo này",
        "en": "Appendix – About this report",
    },
    "sheet.contents": {"vi": "Mục lục", "en": "Contents"},
    "sheet.glossary": {"vi": "Chú giải", "en": "Glossary"},
    "sheet.glossary_caption": {
        "vi": "Ý nghĩa các ký hiệu, tình trạng, phạm vi, đợt và độ tin cậy của nguồn",
        "en": "What the marks, statuses, scopes, rounds and source qualities mean",
    },
    "footer.page": {"vi": "Trang", "en": "Page"},
    "footer.of": {"vi": "/", "en": " of "},
    # narrative
    "text.sector_intro": {
        "vi": (
            "Báo cáo này trình bày các số liệu về **{sector_lower}** của **{province}** "
            "({status}{phase}): {n} từ {n_sources}. Mỗi con số đều ghi rõ nguồn "
            "và vị trí trong nguồn; di chuột lên biểu đồ để xem."
        ),
        "en": (
            "This report presents the figures on **{sector_lower}** in **{province}** "
            "({status}{phase}): {n} from {n_sources}. Every number names its "
            "source and where in the source it stands; hover over a chart to see it."
        ),
    },
    "text.phase_suffix": {"vi": "; giai đoạn: {phase}", "en": "; phase: {phase}"},
    "text.no_figures": {
        "vi": "Không có số liệu nào cho lựa chọn này.",
        "en": "There are no figures for this selection.",
    },
    "text.cut_item": {
        "vi": "- {category}: giảm {reduced}{unit}{percent}{status}",
        "en": "- {category}: {reduced}{unit} fewer{percent}{status}",
    },
    "text.cut_percent": {"vi": ", tương đương {percent}", "en": ", or {percent}"},
    "text.cut_plan": {"vi": " (kế hoạch)", "en": " (planned)"},
    "text.cut_unknown_count": {
        "vi": "- {category}: giảm {percent} (nguồn không nêu số lượng){status}",
        "en": "- {category}: {percent} fewer (the source gives no count){status}",
    },
    "text.rates_note": {
        "vi": (
            "Tỷ lệ là tỷ lệ do nguồn công bố. Tỷ lệ của các nội dung khác nhau được tính trên "
            "các mẫu số khác nhau nên không cộng dồn được."
        ),
        "en": (
            "Rates are as the sources published them. Rates of different categories have "
            "different bases and cannot be added up."
        ),
    },
    "text.baselines_note": {
        "vi": (
            "Các nguồn thường chỉ công bố số giảm và tỷ lệ giảm, không nêu quy mô trước sắp "
            "xếp. Quy mô này được suy ra từ hai số đó: là mọi giá trị cho đúng tỷ lệ đã công "
            "bố khi làm tròn như nguồn. Vì vậy quy mô được thể hiện bằng một khoảng, không "
            "phải một con số."
        ),
        "en": (
            "Sources usually publish only the count cut and the rate. The size before is then "
            "not stated but can be inferred: every size that, rounded the way the source "
            "rounded, gives exactly the published rate. It is therefore shown as a range, "
            "not as one number."
        ),
    },
    "text.no_baselines": {
        "vi": "Không suy ra được quy mô trước sắp xếp: thiếu số giảm hoặc tỷ lệ.",
        "en": "No size before can be inferred: the count or the rate is missing.",
    },
    "text.targets_note": {
        "vi": (
            "Mục tiêu chung thường được tính từ một năm gốc đến một thời hạn khác với thời kỳ "
            "của số liệu địa phương; cần xem cột Lưu ý trước khi đánh giá."
        ),
        "en": (
            "National targets are usually set against a base year and a deadline that differ "
            "from the period a province's figure covers; read the Caveat column before "
            "drawing a conclusion."
        ),
    },
    "text.no_targets": {
        "vi": "Không có mục tiêu nào áp dụng cho các nội dung này.",
        "en": "No target applies to these categories.",
    },
    "text.ranking": {
        "vi": "Xếp hạng {n} so sánh được (cùng nội dung, phạm vi và tình trạng).",
        "en": "Ranking of {n} that can be compared (same category, scope and status).",
    },
    "text.no_ranking": {
        "vi": (
            "Chưa xếp hạng: cần ít nhất {minimum} số liệu so sánh được "
            "(cùng nội dung, phạm vi và tình trạng); hiện có {n}."
        ),
        "en": (
            "No ranking: it needs at least {minimum} comparable figures "
            "(same category, scope and status); there are {n}."
        ),
    },
    "text.comparison_none": {
        "vi": (
            "Chưa đủ số liệu để so sánh: cần ít nhất {minimum} số liệu cùng nội dung, phạm vi "
            "và tình trạng, của ít nhất hai địa phương."
        ),
        "en": (
            "Not enough figures to compare: it needs at least {minimum} of the same category, "
            "scope and status, from at least two jurisdictions."
        ),
    },
    "text.comparison_note": {
        "vi": (
            "So sánh chỉ có ý nghĩa khi các số liệu cùng thời kỳ và cùng phạm vi; thời kỳ và "
            "nguồn của từng số liệu được ghi trong bảng."
        ),
        "en": (
            "A comparison is only meaningful between figures of the same period and scope; "
            "each figure's period and source are in the table."
        ),
    },
    "text.findings_summary": {
        "vi": "Kiểm tra {n}: {errors}, {warnings}, {infos}.",
        "en": "{n} checked: {errors}, {warnings}, {infos}.",
    },
    "text.no_findings": {
        "vi": "Không phát hiện vấn đề nào.",
        "en": "No problems were found.",
    },
    "text.audit_intro": {
        "vi": (
            "Mỗi số liệu được kiểm tra: tỷ lệ có khớp với phân số hoặc với số trước/sau không, "
            "có suy ra được quy mô trước sắp xếp không, số liệu là kết quả hay kế hoạch. "
            "Lỗi là mâu thuẫn trong chính số liệu; cảnh báo là điều cần kiểm tra lại với "
            "nguồn; ghi chú là thông tin giúp hiểu đúng số liệu."
        ),
        "en": (
            "Every figure is checked: does the rate agree with the fraction or with the "
            "before/after counts, can the size before be inferred, is it a result or a plan. "
            "An error is a contradiction within the figures; a warning is something to check "
            "against the source; a note helps reading the figure right."
        ),
    },
    "text.overview_intro": {
        "vi": (
            "{province}: {n} về {n_categories} thuộc {n_sectors}, "
            "từ {n_sources}. Các báo cáo theo khối trình bày chi tiết từng khối."
        ),
        "en": (
            "{province}: {n} on {n_categories} in {n_sectors}, "
            "from {n_sources}. The per-sector reports give each sector in detail."
        ),
    },
    "text.comparison_intro": {
        "vi": (
            "{n} về **{category}** từ {n_jurisdictions}. "
            "Các số liệu được xếp theo tỷ lệ giảm công bố."
        ),
        "en": (
            "{n} on **{category}** from {n_jurisdictions}, ordered by the published reduction rate."
        ),
    },
    "text.provenance_intro": {
        "vi": (
            "Báo cáo được tạo tự động từ dữ liệu và mã nguồn dưới đây; cùng dữ liệu và cùng "
            "phiên bản sẽ cho cùng kết quả."
        ),
        "en": (
            "This report was built automatically from the data and code below; the same data "
            "and version give the same result."
        ),
    },
    # a figure's number written with a qualifier (see nq18lib.reference.bounds)
    "bound.at_least": {"vi": "hơn", "en": "more than"},
    "bound.at_most": {"vi": "gần", "en": "nearly"},
    "bound.about": {"vi": "khoảng", "en": "about"},
    "text.tables_saved": {
        "vi": "Các bảng của báo cáo được lưu vào tệp Excel `{path}`.",
        "en": "The report's tables were saved to the Excel file `{path}`.",
    },
}


def check_lang(lang: str) -> str:
    """Return ``lang`` when it is a report language, else raise :class:`ParameterError`.

    Examples
    --------
    >>> check_lang("en")
    'en'
    """
    if lang not in LANGS:
        raise ParameterError(f"unknown language {lang!r}; expected one of: {', '.join(LANGS)}")
    return lang


def label(key: str, lang: str = "vi", **values: object) -> str:
    """Return the reader's wording of ``key``, with ``values`` filled in.

    Parameters
    ----------
    key : str
        A key of :data:`LABELS`, e.g. ``"heading.cuts"``.
    lang : {"vi", "en"}
        The reader's language.
    **values
        Fields of the wording (``{province}`` …).

    Raises
    ------
    KeyError
        When the key is unknown (a bug, not a user error).

    Examples
    --------
    >>> label("heading.cuts"), label("heading.cuts", "en")
    ('Kết quả sắp xếp, cắt giảm', 'What was cut')
    >>> label("status.plan", "en")
    'planned'
    """
    check_lang(lang)
    text = LABELS[key][lang]
    return text.format(**values) if values else text


def count_noun(n: int, noun: str, lang: str = "vi") -> str:
    """Write a count with its noun, singular or plural as the language needs.

    Examples
    --------
    >>> count_noun(1, "source", "en"), count_noun(3, "source", "en"), count_noun(1503, "figure")
    ('1 source', '3 sources', '1.503 số liệu')
    """
    from nq18lib.numerals import format_number

    forms = label(f"noun.{noun}", lang).split("|")
    word = forms[0] if n == 1 or len(forms) == 1 else forms[1]
    return f"{format_number(n, lang)} {word}"


FLAG_MARK = "⚠"
"""The mark of a figure the audit flags (an error or a warning), wherever it is shown."""
STATUS_MARKS = {"result": "●", "plan": "○", "partly_projected": "◐"}
"""The visual mark of each status, beside its words in tables, bullets and chart labels."""


def status_text(status: object, lang: str = "vi", *, short: bool = False) -> str:
    """Return a figure's status as its mark and words, the same everywhere.

    Examples
    --------
    >>> status_text("partly_projected"), status_text("plan", "en")
    ('◐ đã thực hiện một phần, phần còn lại dự kiến', '○ planned')
    >>> status_text("partly_projected", "en", short=True)
    '◐ partly projected'
    """
    words = value_label("status_short" if short else "status", status, lang)
    mark = STATUS_MARKS.get(str(status), "")
    return f"{mark} {words}".strip()


def value_label(kind: str, value: object, lang: str = "vi") -> str:
    """Return the reader's wording of a coded value, or the value itself when unknown.

    Examples
    --------
    >>> value_label("status", "result"), value_label("severity", "warning", "en")
    ('đã thực hiện', 'warning')
    >>> value_label("level", "tinh+huyen")
    'tỉnh + huyện'
    >>> value_label("status", "odd")
    'odd'
    """
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    text = str(value)
    if kind == "level" and "+" in text:
        return " + ".join(value_label(kind, part, lang) for part in text.split("+"))
    key = f"{kind}.{text}"
    return label(key, lang) if key in LABELS else text
