"""The BDI viewer: `streamlit run app/streamlit_app.py` (or `make app`)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from app import charts, queries, ui, warehouse  # noqa: E402
from app.i18n import t  # noqa: E402
from app.pages import PAGES  # noqa: E402


@st.cache_resource(show_spinner=False)
def _warm_up() -> bool:
    """Prepare the map shapes and Altair once per process, in the background."""
    charts.warm_up()
    return True


st.set_page_config(
    page_title=t("app.title"),
    page_icon=str(Path(__file__).parent / "assets" / "favicon.png"),
    layout="wide",
)
_warm_up()

with st.sidebar:
    st.toggle(
        t("app.language_toggle"), key="lang_en", bind="query-params", help=t("app.language_help")
    )

pages = [
    st.Page(path, title=t(f"nav.{name}"), icon=icon, url_path=name, default=index == 0)
    for index, (name, path, icon) in enumerate(PAGES)
]
page = st.navigation(pages)

with st.sidebar:
    st.caption(t("app.sidebar_caption"))

if warehouse.warehouse_identity() is None:
    st.error(t("app.no_warehouse", path=str(warehouse.warehouse_path())), icon=":material/error:")
    st.stop()

try:
    with warehouse.page_session():  # the render's queries share one connection
        if queries.is_sample():
            ui.sample_banner()
        page.run()
except warehouse.WarehouseBusyError:
    st.warning(t("app.busy"), icon=":material/hourglass_top:")
