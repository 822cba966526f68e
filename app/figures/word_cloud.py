"""The policy word cloud (图4-5) as a PNG: the `wordcloud` package, drawn offline with a CJK font.

Vega-Lite has no word-cloud layout, so this figure is a picture (Rendered.image). Chinese terms
need a font with Chinese glyphs; `cjk_font` finds one: the file named by BDI_CJK_FONT, else what
fontconfig lists for Chinese (`fc-list :lang=zh`), else a known file under the usual font
directories (WenQuanYi Micro Hei, Noto Sans CJK, Source Han Sans, Microsoft YaHei, PingFang, …).
Each candidate must hold the glyphs of 数据. Without one the figure says so and shows its table
(tests/app/install_browser.sh installs fonts-wqy-microhei and fonts-noto-cjk on Debian).
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import threading
import types
from functools import cache, lru_cache
from pathlib import Path

FONT_ENV = "BDI_CJK_FONT"
FONT_FILES = (
    "wqy-microhei.ttc",
    "wqy-zenhei.ttc",
    "NotoSansCJK-Regular.ttc",
    "NotoSansCJKsc-Regular.otf",
    "NotoSansSC-Regular.otf",
    "NotoSansSC-Regular.ttf",
    "SourceHanSansSC-Regular.otf",
    "SourceHanSansCN-Regular.otf",
    "msyh.ttc",
    "simhei.ttf",
    "PingFang.ttc",
    "Hiragino Sans GB.ttc",
    "Arial Unicode.ttf",
    "DroidSansFallbackFull.ttf",
)
FONT_DIRS = (
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "~/.local/share/fonts",
    "~/.fonts",
    "/Library/Fonts",
    "/System/Library/Fonts",
    "C:/Windows/Fonts",
)
PROBE = (0x6570, 0x636E)  # the code points of 数据 (data): a font without them will not do
WIDTH, HEIGHT = 1000, 560
MAX_WORDS = 100
COLORMAP = "tab10"


def covers(path: Path, code_points: tuple[int, ...] = PROBE) -> bool:
    """Whether the font file (the first font of a collection) has a glyph for each code point."""
    try:
        from fontTools.ttLib import TTFont

        font = TTFont(str(path), fontNumber=0, lazy=True)
        cmap = font.getBestCmap() or {}
        font.close()
    except Exception:  # not a font fontTools reads: not a candidate
        return False
    return all(code_point in cmap for code_point in code_points)


def _fontconfig_candidates() -> list[Path]:
    if shutil.which("fc-list") is None:
        return []
    try:
        listed = subprocess.run(
            ["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=10, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    paths = sorted({Path(line.split(":")[0].strip()) for line in listed.splitlines() if line})
    # Prefer the known sans-serif files, in FONT_FILES order, then the rest.
    rank = {name.lower(): position for position, name in enumerate(FONT_FILES)}
    return sorted(paths, key=lambda path: (rank.get(path.name.lower(), len(rank)), str(path)))


def _directory_candidates() -> list[Path]:
    wanted = {name.lower(): position for position, name in enumerate(FONT_FILES)}
    found: list[tuple[int, Path]] = []
    for directory in FONT_DIRS:
        root = Path(directory).expanduser()
        if not root.is_dir():
            continue
        for dirpath, _dirnames, filenames in os.walk(root):
            for filename in filenames:
                if filename.lower() in wanted:
                    found.append((wanted[filename.lower()], Path(dirpath) / filename))
    return [path for _, path in sorted(found)]


@cache
def cjk_font() -> Path | None:
    """A font file with Chinese glyphs, or None when none is installed (see the module doc)."""
    configured = os.environ.get(FONT_ENV, "").strip()
    candidates = [Path(configured).expanduser()] if configured else []
    candidates += _fontconfig_candidates() + _directory_candidates()
    for path in candidates:
        if path.is_file() and covers(path):
            return path
    return None


_layout_lock = threading.Lock()


def _boxed_layout_draw() -> types.SimpleNamespace:
    """An ImageDraw stand-in for wordcloud's layout: each word occupies its whole box.

    wordcloud places a word where the pixels drawn so far leave room, so a word can slip under the
    open side of a glyph: 大数据 under the roof of 厂 reads as one phrase, 智能工厂大数据. While
    it lays the words out, wordcloud draws them in white on a grey ("L") image; this stand-in
    fills the word's box there instead. The picture itself (an RGB image) is drawn as usual.
    """
    from PIL import ImageDraw

    class BoxedLayoutDraw(ImageDraw.ImageDraw):
        def text(self, xy, text, fill=None, font=None, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
            if self.im is not None and self.mode == "L":
                self.rectangle(self.textbbox(xy, text, font=font), fill=fill)
                return None
            return super().text(xy, text, fill, font, *args, **kwargs)

    return types.SimpleNamespace(Draw=lambda image, mode=None: BoxedLayoutDraw(image, mode))


@lru_cache(maxsize=16)
def word_cloud_png(frequencies: tuple[tuple[str, int], ...], font: str) -> bytes:
    """The cloud of (term, weight) pairs as PNG bytes; the same input gives the same picture."""
    import wordcloud.wordcloud as layout

    with _layout_lock:
        original, layout.ImageDraw = layout.ImageDraw, _boxed_layout_draw()
        try:
            image = _cloud(frequencies, font)
        finally:
            layout.ImageDraw = original
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _cloud(frequencies: tuple[tuple[str, int], ...], font: str):  # noqa: ANN202 - a PIL Image
    from wordcloud import WordCloud

    return (
        WordCloud(
            font_path=font,
            width=WIDTH,
            height=HEIGHT,
            background_color="white",
            max_words=MAX_WORDS,
            min_font_size=10,
            prefer_horizontal=1.0,
            colormap=COLORMAP,
            random_state=0,
            collocations=False,
        )
        .generate_from_frequencies(dict(frequencies))
        .to_image()
    )
