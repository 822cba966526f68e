"""The viewer's pages, in navigation order: (name, script under app/, icon).

The one list that the app's navigation, its tests and the page benchmark all read.
"""

from __future__ import annotations

from pathlib import Path

APP_SCRIPT = Path(__file__).resolve().parent / "streamlit_app.py"

PAGES: tuple[tuple[str, str, str], ...] = (
    ("overview", "app_pages/overview.py", ":material/dashboard:"),
    ("provinces", "app_pages/provinces.py", ":material/map:"),
    ("cities", "app_pages/cities.py", ":material/location_city:"),
    ("circles", "app_pages/circles.py", ":material/hub:"),
    ("indicators", "app_pages/indicators.py", ":material/bar_chart:"),
    ("profile", "app_pages/profile.py", ":material/person_search:"),
    ("topics", "app_pages/topics.py", ":material/topic:"),
    ("robustness", "app_pages/robustness.py", ":material/insights:"),
    ("methodology", "app_pages/methodology.py", ":material/menu_book:"),
    ("revisions", "app_pages/revisions.py", ":material/history:"),
    ("sql", "app_pages/sql_console.py", ":material/terminal:"),
)

# name -> script, for AppTest.switch_page
PAGE_SCRIPTS: dict[str, str] = {name: script for name, script, _icon in PAGES}
