"""Every label of the viewer, in Chinese (default) and English: one dictionary.

`t(key, **values)` returns the label in the current language, formatted with `values`.
A key missing from the dictionary is a bug: `t` raises unless a `default` is given.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"

STRINGS: dict[str, dict[str, str]] = {
    # --- app frame ---------------------------------------------------------------------------
    "app.title": {
        "zh": "中国大数据产业发展指数",
        "en": "China Big Data Industry Development Index",
    },
    "app.language_toggle": {"zh": "English", "en": "English"},
    "app.language_help": {"zh": "切换为英文界面", "en": "Switch the interface to English"},
    "app.sidebar_caption": {
        "zh": "数据来自已发布的数据仓库（只读）。每个表格都可下载为 CSV 或 Excel。",
        "en": "Data from the published warehouse (read-only). "
        "Every table downloads as CSV or Excel.",
    },
    "app.sample_banner": {
        "zh": "当前数据为**合成样例数据**（仅用于演示，并非真实统计）。",
        "en": "These are **synthetic sample data** (for demonstration only, not real statistics).",
    },
    "app.no_warehouse": {
        "zh": "找不到数据仓库 `{path}`。请先运行 `make build`，"
        "或用环境变量 BDI_WAREHOUSE 指定仓库文件。",
        "en": "No warehouse at `{path}`. Run `make build` first, "
        "or name the file with BDI_WAREHOUSE.",
    },
    "app.no_editions": {"zh": "数据仓库中没有任何版次。", "en": "The warehouse holds no edition."},
    "app.busy": {
        "zh": "数据仓库正在被写入（有人在直接运行 dbt build），请稍后刷新。",
        "en": "The warehouse is being written (someone runs dbt build on it); refresh in a moment.",
    },
    # --- navigation ----------------------------------------------------------------------------
    "nav.overview": {"zh": "总览", "en": "Overview"},
    "nav.provinces": {"zh": "省份", "en": "Provinces"},
    "nav.cities": {"zh": "城市", "en": "Cities"},
    "nav.circles": {"zh": "经济圈", "en": "Economic circles"},
    "nav.indicators": {"zh": "指标", "en": "Indicators"},
    "nav.profile": {"zh": "地区画像", "en": "Region profile"},
    "nav.methodology": {"zh": "方法", "en": "Methodology"},
    "nav.sql": {"zh": "SQL 查询", "en": "SQL console"},
    # --- widgets -------------------------------------------------------------------------------
    "widget.edition": {"zh": "版次", "en": "Edition"},
    "widget.level": {"zh": "层级", "en": "Level"},
    "widget.node": {"zh": "指数", "en": "Index"},
    "widget.region": {"zh": "地区", "en": "Region"},
    "widget.indicator": {"zh": "指标", "en": "Indicator"},
    "level.province": {"zh": "省份", "en": "Provinces"},
    "level.city": {"zh": "城市", "en": "Cities"},
    "levelword.province": {"zh": "省份", "en": "provinces"},
    "levelword.city": {"zh": "城市", "en": "cities"},
    "macro.east": {"zh": "东部", "en": "East"},
    "macro.central": {"zh": "中部", "en": "Central"},
    "macro.west": {"zh": "西部", "en": "West"},
    "macro.northeast": {"zh": "东北", "en": "Northeast"},
    # Units of dim_indicator_tree (stored in Chinese)
    "unit.家": {"zh": "家", "en": "enterprises"},
    "unit.亿元": {"zh": "亿元", "en": "100 million yuan"},
    "unit.个": {"zh": "个", "en": "count"},
    "unit.件": {"zh": "件", "en": "items"},
    "unit.所": {"zh": "所", "en": "universities"},
    "unit.人": {"zh": "人", "en": "people"},
    "unit.项": {"zh": "项", "en": "documents"},
    "tier.label": {"zh": "第{tier}梯队", "en": "Tier {tier}"},
    "direction.positive": {"zh": "正向", "en": "positive"},
    "direction.negative": {"zh": "负向", "en": "negative"},
    "download.csv": {"zh": "下载 CSV", "en": "Download CSV"},
    "download.xlsx": {"zh": "下载 Excel", "en": "Download Excel"},
    "list.separator": {"zh": "、", "en": ", "},
    "figure.prefix": {"zh": "图{figure}", "en": "Figure {figure}."},
    "table.prefix": {"zh": "表{table}", "en": "Table {table}."},
    # --- column headers ------------------------------------------------------------------------
    "col.edition": {"zh": "版次", "en": "Edition"},
    "col.data_year": {"zh": "数据年份", "en": "Data year"},
    "col.region_level": {"zh": "层级", "en": "Level"},
    "col.region_code": {"zh": "行政区划代码", "en": "Region code"},
    "col.region_name": {"zh": "地区", "en": "Region"},
    "col.region_name_en": {"zh": "英文名", "en": "English name"},
    "col.province_name": {"zh": "所属省份", "en": "Province"},
    "col.macro_region": {"zh": "四大区域", "en": "Macro-region"},
    "col.total_score": {"zh": "总指数得分", "en": "Total score"},
    "col.total_rank": {"zh": "总排名", "en": "Total rank"},
    "col.total_rank_change": {"zh": "排名变化", "en": "Rank change"},
    "col.industry_level_score": {"zh": "产业水平得分", "en": "Industry level score"},
    "col.industry_innovation_score": {"zh": "产业创新得分", "en": "Industry innovation score"},
    "col.industry_environment_score": {"zh": "产业环境得分", "en": "Industry environment score"},
    "col.industry_level_rank": {"zh": "产业水平排名", "en": "Industry level rank"},
    "col.industry_innovation_rank": {"zh": "产业创新排名", "en": "Industry innovation rank"},
    "col.industry_environment_rank": {"zh": "产业环境排名", "en": "Industry environment rank"},
    "col.industry_level_rank_change": {
        "zh": "产业水平排名变化",
        "en": "Industry level rank change",
    },
    "col.industry_innovation_rank_change": {
        "zh": "产业创新排名变化",
        "en": "Industry innovation rank change",
    },
    "col.industry_environment_rank_change": {
        "zh": "产业环境排名变化",
        "en": "Industry environment rank change",
    },
    "col.tier": {"zh": "梯队", "en": "Tier"},
    "col.score": {"zh": "得分", "en": "Score"},
    "col.score_rank": {"zh": "排名", "en": "Rank"},
    "col.rank_change": {"zh": "排名变化", "en": "Rank change"},
    "col.circle_code": {"zh": "经济圈代码", "en": "Circle code"},
    "col.circle_name": {"zh": "经济圈", "en": "Economic circle"},
    "col.member_count": {"zh": "城市数", "en": "Cities"},
    "col.node": {"zh": "指数", "en": "Index"},
    "col.node_code": {"zh": "代码", "en": "Code"},
    "col.indicator": {"zh": "指标", "en": "Indicator"},
    "col.unit": {"zh": "单位", "en": "Unit"},
    "col.direction": {"zh": "方向", "en": "Direction"},
    "col.raw_value": {"zh": "原始值", "en": "Raw value"},
    "col.normalized_value": {"zh": "标准化值", "en": "Normalised value"},
    "col.national_median": {"zh": "全国中位数", "en": "National median"},
    "col.value_rank": {"zh": "位次", "en": "Rank"},
    "col.value_percentile": {"zh": "百分位", "en": "Percentile"},
    "col.weight": {"zh": "权重（同级）", "en": "Weight (within parent)"},
    "col.weight_in_total": {"zh": "权重（占总指数）", "en": "Weight (in the total)"},
    "col.weighting_method": {"zh": "赋权方法", "en": "Weighting method"},
    "col.source_table": {"zh": "原始表", "en": "Raw table"},
    "col.source_row": {"zh": "行号", "en": "Row"},
    "col.row_key": {"zh": "主键", "en": "Key"},
    "col.rule": {"zh": "规则", "en": "Rule"},
    "col.reason": {"zh": "原因", "en": "Reason"},
    "col.row_count": {"zh": "行数", "en": "Rows"},
    "col.item": {"zh": "项目", "en": "Item"},
    "col.value": {"zh": "值", "en": "Value"},
    "col.column_name": {"zh": "列", "en": "Column"},
    "col.data_type": {"zh": "类型", "en": "Type"},
    "col.comment": {"zh": "说明", "en": "Description"},
    "col.table_name": {"zh": "原始表", "en": "Raw table"},
    "col.file_source": {"zh": "来源", "en": "Source"},
    "col.file_format": {"zh": "格式", "en": "Format"},
    "col.file_path": {"zh": "文件", "en": "File"},
    "col.file_size_bytes": {"zh": "大小（字节）", "en": "Size (bytes)"},
    "col.file_sha256": {"zh": "SHA-256 校验和", "en": "SHA-256 checksum"},
    "col.file_modified_at": {"zh": "修改时间", "en": "Modified"},
    "col.valid_row_count": {"zh": "有效行数", "en": "Valid rows"},
    "col.invalid_row_count": {"zh": "无效行数", "en": "Invalid rows"},
    "col.category": {"zh": "类别", "en": "Category"},
    "col.count": {"zh": "数量", "en": "Count"},
    # --- overview ------------------------------------------------------------------------------
    "overview.intro": {
        "zh": "各省份、城市的大数据产业发展指数（0–100 分）、排名、排名变化与梯队。",
        "en": "The Big Data Industry Development Index (0–100) of every province and city: "
        "ranks, rank changes and tiers.",
    },
    "overview.leader": {"zh": "排名第一", "en": "Ranked first"},
    "overview.score_value": {"zh": "{score:.2f} 分", "en": "{score:.2f} points"},
    "overview.mean_score": {"zh": "平均得分", "en": "Mean score"},
    "overview.top_climber": {"zh": "排名上升最多", "en": "Biggest climber"},
    "overview.places_up": {"zh": "上升 {places} 位", "en": "up {places} places"},
    "overview.first_tier": {"zh": "第一梯队", "en": "First tier"},
    "overview.region_count": {"zh": "{count} 个", "en": "{count}"},
    "overview.first_tier_members": {"zh": "第一梯队：{names}", "en": "First tier: {names}"},
    "overview.map_title": {
        "zh": "{edition} 版{level}总指数得分",
        "en": "Total score of the {level}, {edition} edition",
    },
    "overview.top_title": {"zh": "总指数前 {top} 名{level}", "en": "Top {top} {level}"},
    "overview.ranking_title": {"zh": "{level}排名", "en": "Ranking of the {level}"},
    # --- provinces -----------------------------------------------------------------------------
    "provinces.intro": {
        "zh": "31 个省（自治区、直辖市）的总指数与三个一级指数。",
        "en": "The total index and the three dimensions of the 31 provincial-level regions.",
    },
    "provinces.table_title": {
        "zh": "{edition} 版省份大数据产业发展指数前 15 名",
        "en": "Top 15 provinces, {edition} edition",
    },
    "provinces.map_title": {
        "zh": "{edition} 版省份{node}热力图",
        "en": "{node} of the provinces, {edition} edition",
    },
    "provinces.matrix_title": {
        "zh": "{edition} 版各省份得分一览",
        "en": "Scores of every province, {edition} edition",
    },
    # --- cities --------------------------------------------------------------------------------
    "cities.intro": {
        "zh": "337 个地级及以上城市的排名、排名变化与梯队。",
        "en": "Ranks, rank changes and tiers of the 337 cities at prefecture level and above.",
    },
    "cities.table_title": {
        "zh": "{edition} 版城市大数据产业发展指数前 20 名",
        "en": "Top 20 cities, {edition} edition",
    },
    "cities.rank_change_title": {
        "zh": "前 {top} 名城市的排名变化",
        "en": "Rank changes of the top {top} cities",
    },
    "cities.no_previous": {
        "zh": "没有上一版次，无法计算排名变化。",
        "en": "There is no previous edition to compare with.",
    },
    "cities.tier_title": {"zh": "城市梯队分布", "en": "City tiers"},
    "cities.no_tiers": {"zh": "本版次没有梯队划分。", "en": "No tiers in this edition."},
    "cities.tier_dimensions_title": {
        "zh": "{tier}城市的一级指数得分",
        "en": "Dimension scores of the {tier} cities",
    },
    # --- circles -------------------------------------------------------------------------------
    "circles.intro": {
        "zh": "京津冀、长三角、珠三角、成渝四大经济圈：得分为成员城市得分的算术平均。",
        "en": "The four economic circles; a circle's score is the mean of its member "
        "cities' scores.",
    },
    "circles.table_title": {
        "zh": "{edition} 版经济圈大数据产业发展指数排名",
        "en": "Ranks of the economic circles, {edition} edition",
    },
    "circles.compare_title": {
        "zh": "{edition} 版四大经济圈得分对比",
        "en": "The circles side by side, {edition} edition",
    },
    "circles.map_title": {
        "zh": "{circle}城市{node}热力图",
        "en": "{node} of the cities of {circle}",
    },
    "circles.national_rank": {"zh": "全国排名", "en": "National rank"},
    "circles.members_title": {"zh": "成员城市", "en": "Member cities"},
    # --- indicators ----------------------------------------------------------------------------
    "indicators.intro": {
        "zh": "三个一级指数的前 20 名，以及 18 项指标的分布。",
        "en": "The top 20 of each dimension, and views of the 18 indicators.",
    },
    "indicators.section": {"zh": "板块", "en": "Section"},
    "indicators.explorer": {"zh": "单项指标", "en": "Any indicator"},
    "indicators.dimension_top": {
        "zh": "{node}前 {top} 名{level}及排名变化",
        "en": "Top {top} {level} in {node}, with rank change",
    },
    "indicators.indicator_top": {
        "zh": "{node}前 {top} 名{level}",
        "en": "Top {top} {level}: {node}",
    },
    "indicators.province_map": {"zh": "各省份{node}", "en": "{node} by province"},
    "indicators.kinds_title": {
        "zh": "前 {top} 名{level}的各类企业数量",
        "en": "Kinds of enterprises in the top {top} {level}",
    },
    "indicators.enterprises": {"zh": "企业数量（家）", "en": "Enterprises"},
    "indicators.listed_title": {
        "zh": "上市企业数量与市值（前 {top} 名{level}）",
        "en": "Listed enterprises and their market value (top {top} {level})",
    },
    "indicators.unicorn_title": {
        "zh": "独角兽企业数量与估值（前 {top} 名{level}）",
        "en": "Unicorns and their valuation (top {top} {level})",
    },
    "indicators.unicorn_count": {
        "zh": "{total} 个{level}中有 {count} 个拥有独角兽企业。",
        "en": "{count} of {total} {level} have at least one unicorn.",
    },
    "indicators.patents_title": {
        "zh": "{level}专利与软件著作权（气泡大小为两者之和）",
        "en": "Patents and software copyrights of the {level} (bubble size: their sum)",
    },
    "indicators.ip_total": {"zh": "专利与软著合计", "en": "Patents and copyrights"},
    "indicators.agency_title": {
        "zh": "设有大数据管理机构的城市占比",
        "en": "Share of cities with a big data management agency",
    },
    "indicators.with_agency": {"zh": "设有管理机构", "en": "With an agency"},
    "indicators.without_agency": {"zh": "未设管理机构", "en": "Without"},
    "indicators.agency_share": {"zh": "设有管理机构的城市", "en": "Cities with an agency"},
    "indicators.agency_count": {
        "zh": "{count} / {total} 个城市",
        "en": "{count} of {total} cities",
    },
    "indicators.exchanges_title": {
        "zh": "各省份数据交易机构数量",
        "en": "Data exchanges by province",
    },
    "indicators.exchange_count": {
        "zh": "{total} 个省份中有 {count} 个设有数据交易机构。",
        "en": "{count} of {total} provinces have a data exchange.",
    },
    "indicators.section_data": {
        "zh": "本板块指标数据（{level}）",
        "en": "This section's data ({level})",
    },
    "indicators.explorer_map": {"zh": "各{level}{node}", "en": "{node}, {level}"},
    # --- profile -------------------------------------------------------------------------------
    "profile.intro": {
        "zh": "选择一个省份或城市：历年排名、六个二级指数与所在梯队和全国中位数的对比、"
        "各项指标原始值及百分位。",
        "en": "Choose a province or city: its ranks across editions, its six sub-dimensions "
        "against its tier and the national median, its raw indicator values with percentiles.",
    },
    "profile.not_ranked": {
        "zh": "该地区在本版次没有排名。",
        "en": "This region is not ranked in this edition.",
    },
    "profile.rank_of": {"zh": "{rank} / {count}", "en": "{rank} of {count}"},
    "profile.places": {"zh": "{places:+d} 位", "en": "{places:+d} places"},
    "profile.no_tier": {"zh": "未入梯队", "en": "No tier"},
    "profile.history_title": {"zh": "历年排名", "en": "Ranks across editions"},
    "profile.compare_title": {
        "zh": "二级指数得分：与所在梯队、全国中位数对比（{edition} 版）",
        "en": "Sub-dimension scores against the tier and the national median ({edition} edition)",
    },
    "profile.this_region": {"zh": "{name}", "en": "{name}"},
    "profile.tier_mean": {"zh": "{tier}平均", "en": "{tier} mean"},
    "profile.untiered_mean": {"zh": "梯队外地区平均", "en": "Mean of regions without a tier"},
    "profile.national_median": {"zh": "全国中位数", "en": "National median"},
    "profile.indicators_title": {
        "zh": "各项指标原始值与百分位（{edition} 版）",
        "en": "Raw indicator values and percentiles ({edition} edition)",
    },
    # --- methodology ---------------------------------------------------------------------------
    "methodology.intro": {
        "zh": "指标体系、本版次权重、计算公式、无效数据与构建信息。",
        "en": "The indicator tree, this edition's weights, the formulas, invalid rows and "
        "the build's provenance.",
    },
    "methodology.sample_notice": {
        "zh": "**注意：本数据仓库由合成样例数据构建。** 真实的大数据企业库不公开；样例数据按"
        "《中国大数据产业发展指数报告（2025版）》公布的事实校准，仅用于演示方法和软件，"
        "其中的数值、排名都不是真实统计结果，不得引用。",
        "en": "**Note: this warehouse was built from the synthetic sample.** The real enterprise "
        "database is not public; the sample is calibrated to facts the 2025 report publishes and "
        "only demonstrates the method and the software. Its numbers and ranks are not real "
        "statistics and must not be cited.",
    },
    "methodology.method_title": {"zh": "赋权方法", "en": "Weighting method"},
    "methodology.method_in_use": {
        "zh": "{edition} 版{level}使用的赋权方法：**{method}**（`{code}`）",
        "en": "Weighting method of the {level}, {edition} edition: **{method}** (`{code}`)",
    },
    "methodology.no_weights": {
        "zh": "本版次没有权重数据。",
        "en": "No weights for this edition.",
    },
    "methodology.tree_title": {
        "zh": "指标体系与权重（{edition} 版，{level}）",
        "en": "Indicator tree and weights ({edition} edition, {level})",
    },
    "methodology.leaf_weights_caption": {
        "zh": "18 项指标在总指数中的权重（各级权重之积）。",
        "en": "The weight of each of the 18 indicators in the total (the product of the weights "
        "on its path).",
    },
    "methodology.formulas_title": {"zh": "计算公式", "en": "Formulas"},
    "methodology.normalize_text": {
        "zh": "**标准化**（极差法，在同一版次、同一层级的全部地区上计算；常数指标取 0）：",
        "en": "**Normalisation** (min–max over every region of the edition and level; a "
        "constant indicator gets 0):",
    },
    "methodology.weights_text": {
        "zh": "**权重**：对每个父节点，根据其子节点在全部地区上的取值 $c_{rk}$ 计算"
        "（三级指标用标准化值，上级用 0–1 得分）。一次构建使用一种方法。",
        "en": "**Weights** are computed for every parent from its children's values $c_{rk}$ over "
        "every region (normalised values for indicators, 0–1 scores above). One method per build.",
    },
    "methodology.in_use_marker": {"zh": "← 本仓库使用", "en": "← used in this warehouse"},
    "methodology.rules_text": {
        "zh": "所有方法的共同规则：在样本上为常数的子节点不提供信息，权重为 0，"
        "其余兄弟节点之间重新计算；全部子节点都不提供信息时等权；"
        "只有一个（有信息的）子节点时其权重为 1。",
        "en": "Rules common to every method: a child constant over the sample is uninformative "
        "(weight 0, its siblings share the weight); if every child is uninformative they get "
        "equal weights; a single (informative) child gets weight 1.",
    },
    "methodology.aggregate_text": {
        "zh": "**加权求和**：自下而上逐级计算，发布的得分为 0–100 分"
        "（全精度存储，显示时四舍五入）。",
        "en": "**Aggregation** from the indicators up to the total; published scores are on the "
        "0–100 scale (stored at full precision, rounded for display only).",
    },
    "methodology.rank_text": {
        "zh": "**排名**：同一版次、层级和指数内按得分从高到低排名，并列取相同名次（1, 2, 2, 4），"
        "比较前先保留 6 位小数。**排名变化** = 上一版次名次 − 本版次名次（正数表示上升）。",
        "en": "**Ranks** within each edition, level and index, highest score first, ties share "
        "a rank (1, 2, 2, 4); scores are rounded to 6 decimals first. **Rank change** = last "
        "edition's rank − this edition's rank (positive: moved up).",
    },
    "methodology.tier_text": {
        "zh": "**梯队**：默认取总排名前 20 的地区，用 Fisher–Jenks 自然断点法分为 3 个梯队"
        "（也可按名次分段，默认 5、10、18）；20 名以外的地区不划梯队。",
        "en": "**Tiers**: by default the top 20 regions are split into 3 tiers by Fisher–Jenks "
        "natural breaks (or by rank cut-offs, default 5, 10, 18); regions below 20 have no tier.",
    },
    "methodology.circle_text": {
        "zh": "**经济圈**：经济圈的得分为其成员城市得分的算术平均，并在经济圈之间排名。",
        "en": "**Economic circles**: a circle's score is the arithmetic mean of its member "
        "cities' scores; circles are ranked among themselves.",
    },
    "methodology.invalid_title": {"zh": "无效数据", "en": "Invalid rows"},
    "methodology.no_invalid_rows": {
        "zh": "原始数据中没有无效行。",
        "en": "The raw data have no invalid rows.",
    },
    "methodology.invalid_summary": {
        "zh": "构建时排除了 {count} 行无效原始数据（明细见 SQL 查询页的 invalid_rows 表）。",
        "en": "{count} invalid raw rows were left out of this build (details: the invalid_rows "
        "table in the SQL console).",
    },
    "methodology.invalid_first_rows": {
        "zh": "下表列出其中前 {rows:,} 行。",
        "en": "The first {rows:,} of them are listed below.",
    },
    "methodology.raw_files_title": {"zh": "原始数据文件", "en": "Raw data files"},
    "methodology.tier_in_use": {
        "zh": "梯队划分方法：`{method}`"
        "（前 {top} 名分为 {count} 个梯队；按名次分段时的分界：{cutoffs}）",
        "en": "Tier method: `{method}` (the top {top} in {count} tiers; rank cut-offs when "
        "splitting by rank: {cutoffs})",
    },
    "methodology.provenance_title": {"zh": "构建信息", "en": "Build provenance"},
    "methodology.warehouse_file": {
        "zh": "数据仓库文件：`{path}`",
        "en": "Warehouse file: `{path}`",
    },
    "methodology.no_build_info": {
        "zh": "该数据仓库没有记录构建信息（build_info 表不存在）。",
        "en": "This warehouse records no provenance (it has no build_info table).",
    },
    "method.improved_vector": {"zh": "改进向量法", "en": "Improved vector method"},
    "method.improved_vector.description": {
        "zh": "子节点的取值列与最优向量 (1, …, 1) 的欧氏距离越大，越能区分各地区，权重越大。"
        "报告只给出了方法名称，未公布公式；此处的解读（权重与到最优向量的距离成正比）是本项目的。",
        "en": "The further a child's column lies from the optimal vector (1, …, 1), the more it "
        "separates the regions and the more weight it gets. The report names the method but "
        "does not publish its formula; this reading (weights proportional to the distance from "
        "the optimum) is this project's.",
    },
    "method.entropy": {"zh": "熵权法", "en": "Entropy weights"},
    "method.entropy.description": {
        "zh": "信息熵越小的子节点区分度越高，权重越大。",
        "en": "The lower a child's entropy, the more it separates the regions, the more weight.",
    },
    "method.critic": {"zh": "CRITIC 法", "en": "CRITIC"},
    "method.critic.description": {
        "zh": "兼顾对比强度（标准差）与冲突性（与兄弟节点的相关性）。",
        "en": "Contrast (standard deviation) times conflict (low correlation with siblings).",
    },
    "method.equal": {"zh": "等权法", "en": "Equal weights"},
    "method.equal.description": {
        "zh": "同一父节点下的子节点权重相等。",
        "en": "Every child of a parent gets the same weight.",
    },
    "method.expert": {"zh": "专家赋权", "en": "Expert weights"},
    "method.expert.description": {
        "zh": "权重来自种子文件 ref_expert_weights，在每个父节点内归一化。",
        "en": "Weights from the seed ref_expert_weights, renormalised within each parent.",
    },
    # --- SQL console ---------------------------------------------------------------------------
    "sql.intro": {
        "zh": "用 SQL 直接查询公开表（只读）。",
        "en": "Query the public tables with SQL (read-only).",
    },
    "sql.tables_title": {"zh": "公开表及字段说明", "en": "Public tables and their columns"},
    "sql.limits": {
        "zh": "只能执行一条 SELECT 语句：连接只读、禁止访问文件，最多返回 {rows} 行，"
        "超过 {seconds} 秒自动中止。",
        "en": "One SELECT statement at a time: the connection is read-only with no file access, "
        "results stop at {rows} rows, and a query is stopped after {seconds} s.",
    },
    "sql.table": {"zh": "表", "en": "Table"},
    "sql.query": {"zh": "SQL 语句", "en": "SQL query"},
    "sql.run": {"zh": "运行", "en": "Run"},
    "sql.result_rows": {
        "zh": "{rows} 行，用时 {seconds} 秒。",
        "en": "{rows} rows in {seconds} s.",
    },
    "sql.truncated": {
        "zh": "结果已截断为前 {rows} 行。",
        "en": "The result was cut at {rows} rows.",
    },
    "sql.error.empty": {"zh": "请输入一条 SQL 语句。", "en": "Enter a SQL query."},
    "sql.error.multiple": {
        "zh": "一次只能执行一条语句（收到 {detail} 条）。",
        "en": "One statement at a time ({detail} given).",
    },
    "sql.error.not_read": {
        "zh": "已拒绝：该控制台只能读取数据，不允许 {detail} 语句（不能写入、COPY、ATTACH、"
        "INSTALL/LOAD 或修改设置）。",
        "en": "Refused: this console can only read; {detail} statements are not allowed (no "
        "writes, COPY, ATTACH, INSTALL/LOAD or settings).",
    },
    "sql.error.file_access": {
        "zh": "已拒绝：该控制台不能读取或写入文件，只能查询数据仓库中的表。",
        "en": "Refused: this console cannot read or write files; it queries the warehouse's "
        "tables only.",
    },
    "sql.error.timeout": {
        "zh": "查询超过 {detail} 秒，已中止。请缩小查询范围。",
        "en": "The query ran longer than {detail} s and was stopped. Narrow it down.",
    },
    "sql.error.syntax": {"zh": "SQL 语法错误。", "en": "SQL syntax error."},
    "sql.error.unknown_name": {
        "zh": "找不到表或列，请查看上方的公开表说明。",
        "en": "Unknown table or column; see the public tables above.",
    },
    "sql.error.memory": {
        "zh": "查询所需内存超出上限，请缩小查询范围。",
        "en": "The query needs more memory than allowed; narrow it down.",
    },
    "sql.error.missing": {
        "zh": "找不到数据仓库文件，请先运行 make build。",
        "en": "No warehouse file; run make build first.",
    },
    "sql.error.busy": {
        "zh": "数据仓库正在被写入，请稍后再试。",
        "en": "The warehouse is being written; try again in a moment.",
    },
    "sql.error.failed": {"zh": "查询失败。", "en": "The query failed."},
}


def lang() -> str:
    """The current language: English when the sidebar switch is on, Chinese otherwise."""
    try:
        return "en" if st.session_state.get("lang_en") else DEFAULT_LANGUAGE
    except Exception:  # outside a Streamlit session (scripts, unit tests)
        return DEFAULT_LANGUAGE


_MISSING = object()


def t(key: str, default: Any = _MISSING, **values: Any) -> str:
    """The label `key` in the current language, formatted with `values`."""
    entry = STRINGS.get(key)
    if entry is None:
        if default is _MISSING:
            raise KeyError(f"no label {key!r} in app/i18n.py")
        return str(default)
    text = entry.get(lang()) or entry[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text
