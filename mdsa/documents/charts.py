"""Charts as PNG or SVG with matplotlib: the shipped static font and Dutch number formats.

matplotlib is imported inside the functions (0.7 s), so ``mdsa --help`` never pays for it.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

from mdsa.documents.numbers import dutch_number, dutch_percent
from mdsa.fileio import write_bytes

ChartFormat = Literal["png", "svg"]

# Calm colours that print well in grey too (the first is the bar colour).
COLOURS = ("#1f5f8b", "#7fb3d5", "#e0a43a", "#6a9f58", "#b5524a")


@functools.cache
def _setup() -> str:
    """Use the non-interactive backend and register the shipped font; its family name."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager

    from mdsa.documents.pdf import FONT_FAMILY, font_files

    for path in font_files():
        font_manager.fontManager.addfont(str(path))
    matplotlib.rcParams.update(
        {
            "font.family": FONT_FAMILY,
            "font.size": 11,
            "svg.fonttype": "none",  # text stays text in SVG
            "svg.hashsalt": "mdsa",  # the same chart gives the same SVG
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    )
    return FONT_FAMILY


def number_formatter(*, percent: bool = False, decimals: int = 0) -> Any:
    """A matplotlib tick formatter: ``1.234`` or, for fractions, ``12,5%``."""
    from matplotlib.ticker import FuncFormatter

    if percent:
        return FuncFormatter(lambda x, _: dutch_percent(x, decimals))
    return FuncFormatter(lambda x, _: dutch_number(x, decimals))


def bar_chart(
    labels: Sequence[str],
    values: Sequence[float],
    *,
    title: str,
    percent: bool = False,
    format: ChartFormat = "png",
    horizontal: bool = True,
    dpi: int = 150,
) -> bytes:
    """A bar chart with each bar's value written beside it in Dutch notation."""
    _setup()
    from matplotlib.figure import Figure

    height = max(2.0, 0.45 * len(labels) + 1.2) if horizontal else 4.0
    figure = Figure(figsize=(7.0, height), layout="constrained")
    axes = figure.subplots()
    positions = range(len(labels))
    if horizontal:
        bars = axes.barh(positions, values, color=COLOURS[0])
        axes.set_yticks(list(positions), list(labels))
        axes.invert_yaxis()
        axes.xaxis.set_major_formatter(number_formatter(percent=percent))
    else:
        bars = axes.bar(positions, values, color=COLOURS[0])
        axes.set_xticks(list(positions), list(labels))
        axes.yaxis.set_major_formatter(number_formatter(percent=percent))
    text = [dutch_percent(v) if percent else dutch_number(v) for v in values]
    axes.bar_label(bars, labels=text, padding=3)
    axes.set_title(title, loc="left", fontweight="bold")
    buffer = io.BytesIO()
    metadata: dict[str, Any] = {"Date": None} if format == "svg" else {}
    figure.savefig(buffer, format=format, dpi=dpi, metadata=metadata)
    return buffer.getvalue()


def write_chart(path: Path, data: bytes) -> Path:
    """Write a chart atomically; returns the path."""
    write_bytes(path, data)
    return path


def grouped_bar_chart(
    labels: Sequence[str],
    series: Mapping[str, Sequence[float | None]],
    *,
    title: str,
    percent: bool = False,
    formats: Sequence[ChartFormat] = ("png",),
    dpi: int = 130,
) -> dict[ChartFormat, bytes]:
    """Horizontal bars per label, one colour per series (subareas side by side), in each of
    ``formats`` from one drawing. A value that is ``None`` (suppressed) gets no bar and the
    words "niet getoond" in its place."""
    _setup()
    from matplotlib.figure import Figure

    names = list(series)
    width = 0.8 / max(1, len(names))
    height = max(2.4, 0.32 * len(labels) * max(1, len(names)) + 1.6)
    figure = Figure(figsize=(7.5, height), layout="constrained")
    axes = figure.subplots()
    for index, name in enumerate(names):
        offsets = [p - 0.4 + width * (index + 0.5) for p in range(len(labels))]
        values = list(series[name])
        shown = [0.0 if v is None else v / 100 if percent else v for v in values]
        bars = axes.barh(
            offsets, shown, height=width, color=COLOURS[index % len(COLOURS)], label=name
        )
        text = [
            "niet getoond" if v is None else dutch_percent(v / 100) if percent else dutch_number(v)
            for v in values
        ]
        axes.bar_label(bars, labels=text, padding=3, fontsize=8)
    axes.set_yticks(list(range(len(labels))), list(labels))
    axes.invert_yaxis()
    axes.xaxis.set_major_formatter(number_formatter(percent=percent))
    axes.set_title(title, loc="left", fontweight="bold", wrap=True)
    if len(names) > 1:
        # Below the axes: inside, it covered the longest bars of a short chart.
        axes.legend(
            loc="upper center",
            bbox_to_anchor=(0.5, -0.08),
            ncols=len(names),
            fontsize=8,
            frameon=False,
        )
    result: dict[ChartFormat, bytes] = {}
    for number, kind in enumerate(formats):
        buffer = io.BytesIO()
        metadata: dict[str, Any] = {"Date": None} if kind == "svg" else {}
        figure.savefig(buffer, format=kind, dpi=dpi, metadata=metadata)
        result[kind] = buffer.getvalue()
        if number == 0:
            figure.set_layout_engine("none")  # the layout of the first drawing holds for all
    return result


def gantt_chart(
    bars: Sequence[tuple[str, Any, Any, str]],
    *,
    title: str,
    formats: Sequence[ChartFormat] = ("png",),
    dpi: int = 130,
    legend: Mapping[str, tuple[str, str]] | None = None,
) -> dict[ChartFormat, bytes]:
    """A Gantt chart: one bar per (label, start date, end date, group), Dutch month labels.
    The group picks the colour (the first group the first colour); ``legend`` gives a group
    its (Dutch label, colour) and draws the legend of the groups that have a bar."""
    _setup()
    from datetime import timedelta

    import matplotlib.dates
    from matplotlib.figure import Figure

    dates: Any = matplotlib.dates  # untyped functions (no stubs)
    date2num = dates.date2num

    groups = list(dict.fromkeys(group for *_, group in bars))
    figure = Figure(figsize=(9.0, max(2.4, 0.3 * len(bars) + 1.4)), layout="constrained")
    axes = figure.subplots()
    for position, (_label, start, end, group) in enumerate(bars):
        left = date2num(start)
        width = max(date2num(end + timedelta(days=1)) - left, 1.0)
        colour = COLOURS[groups.index(group) % len(COLOURS)]
        if legend and group in legend:
            colour = legend[group][1]
        axes.barh(position, width, left=left, height=0.6, color=colour)
    axes.set_yticks(list(range(len(bars))), [label for label, *_ in bars], fontsize=8)
    axes.invert_yaxis()
    span = max(date2num(b[2]) for b in bars) - min(date2num(b[1]) for b in bars)
    months = 1 if span < 400 else 3 if span < 1200 else 6
    axes.xaxis.set_major_locator(dates.MonthLocator(interval=months))
    axes.xaxis.set_major_formatter(dates.DateFormatter("%m-%Y"))
    axes.tick_params(axis="x", labelsize=8, labelrotation=45)
    axes.grid(axis="x", color="#dddddd", linewidth=0.6)
    axes.set_axisbelow(True)
    axes.set_title(title, loc="left", fontweight="bold")
    if legend:
        from matplotlib.patches import Patch

        shown = [legend[g] for g in legend if g in groups]
        figure.legend(
            handles=[Patch(color=colour, label=label) for label, colour in shown],
            loc="outside lower center",  # below the chart, never over a bar
            ncols=len(shown),
            fontsize=8,
            frameon=False,
        )
    result: dict[ChartFormat, bytes] = {}
    for kind in formats:
        buffer = io.BytesIO()
        metadata: dict[str, Any] = {"Date": None} if kind == "svg" else {}
        figure.savefig(buffer, format=kind, dpi=dpi, metadata=metadata)
        result[kind] = buffer.getvalue()
    return result
