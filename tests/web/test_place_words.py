"""Where events happened, as the screens say it (Chromium): relations in the interface's words
whatever the article's language, the article's own words beside them as evidence, and tooltips
that stay inside the map."""

from __future__ import annotations

from typing import Any

import pytest

from tests.web.conftest import Dashboard
from tests.web.corpus import ARABIC, MOSUL_RELATIVE_WORDS, PERSIAN
from tests.web.test_dashboard import events

pytestmark = pytest.mark.slow  # drives Chromium

# The relation vocabulary the API gives (sitrep.records.Location.relation) and what an English
# screen says for it: on its own (the detail's Relation field), and with the place's name.
LABELS = [
    ("in", "in", "Gao"),
    ("near", "near", "near Gao"),
    ("between", "between two places", "near Gao (between two places)"),
    ("border", "at a border", "Gao, border area"),
    ("dateline", "the dateline (where the article was filed)", "Gao"),
    ("in northern", "in northern part of", "northern Gao"),
    ("in north-eastern", "in north-eastern part of", "north-eastern Gao"),
    ("in central", "in central part of", "central Gao"),
    ("20 km south-east of", "20 km south-east of", "20 km south-east of Gao"),
    ("2.5 km north-west of", "2.5 km north-west of", "2.5 km north-west of Gao"),
    ("west of", "west of", "west of Gao"),
    # Not in the vocabulary (a store made before it, an article's own words): shown as given.
    ("øst i", "øst i", "øst i Gao"),
    ("20 km sørøst for", "20 km sørøst for", "20 km sørøst for Gao"),
    ("in the heart of", "in the heart of", "in the heart of Gao"),
]


def test_relations_in_the_interface_words(dashboard: Dashboard) -> None:
    dashboard.open()
    found = dashboard.page.evaluate(
        """async (relations) => {
        const { placeLabel, relationLabel } = await import('./static/labels.js');
        return relations.map((r) => [r, relationLabel(r), placeLabel('Gao', r, 2)]);
    }""",
        [relation for relation, _, _ in LABELS],
    )
    assert found == [list(row) for row in LABELS]
    exact = dashboard.page.evaluate("""async () => {
        const { placeLabel } = await import('./static/labels.js');
        return [placeLabel('Gao', 'near', 1), placeLabel(null, 'near', 2), placeLabel('Gao', null, 2)];
    }""")
    assert exact == ["Gao", "unknown place", "Gao"]


def test_a_norwegian_relation_in_english_with_the_article_words(decades_dashboard: Dashboard) -> None:
    """'20 km sørøst for Mosul' is shown as '20 km south-east of Mosul', and the Norwegian words as
    the evidence. Needs the extractor's language-neutral relations (issue 10, item 15)."""
    board = decades_dashboard
    (found,) = events(board.base, text="sørøst for Mosul")  # the text filter reads the articles
    assert found["location"]["name"] == "Mosul" and found["location"]["precision"] == 2
    board.open()
    row = board.page.locator(f'tr.event-row[data-event-id="{found["id"]}"]')
    assert "20 km south-east of Mosul" in row.inner_text()
    row.click()
    relation = board.page.locator(f'#detail[data-event-id="{found["id"]}"] dd[data-field="relation"]')
    relation.wait_for()
    assert relation.locator(".relation").inner_text() == "20 km south-east of"
    assert relation.locator("q.evidence-words").all_inner_texts() == [MOSUL_RELATIVE_WORDS]
    assert "sørøst" not in board.page.locator("#detail .detail-head").inner_text()


@pytest.mark.parametrize(("article", "word"), [(ARABIC, "دوريتهم"), (PERSIAN, "قندهار")], ids=["ar", "fa"])
def test_a_right_to_left_article(decades_dashboard: Dashboard, article: dict[str, str], word: str) -> None:
    """An Arabic or Persian report's text and evidence read right to left in the detail panel,
    and every highlighted span is the article's own characters (the ZWNJ of "سه‌شنبه" kept)."""
    board = decades_dashboard
    (found,) = events(board.base, text=word)
    board.open()
    board.page.locator(f'tr.event-row[data-event-id="{found["id"]}"]').click()
    text = board.page.locator(f'#detail[data-event-id="{found["id"]}"] .article-text')
    text.wait_for()
    assert text.get_attribute("dir") == "auto"
    assert text.evaluate("el => el.matches(':dir(rtl)')")
    assert text.text_content() == article["text"]
    marks = text.locator("mark").all_text_contents()
    assert marks and all(m in article["text"] for m in marks)
    cells = board.page.locator("#detail table.evidence td")
    assert cells.count() > 0
    assert all(cell.get_attribute("dir") == "auto" for cell in cells.all())


def box(locator: Any) -> dict[str, float]:
    found = locator.bounding_box()
    assert found is not None
    return found


@pytest.mark.parametrize("where", ["bottom-left", "top-middle"])
def test_a_tooltip_at_the_very_edge(dashboard: Dashboard, where: str) -> None:
    """The map dragged until a marker sits 14 px from its edge (the corners free of controls):
    the tooltip still lies wholly inside the map."""
    dashboard.page.set_viewport_size({"width": 1100, "height": 800})
    dashboard.open()
    page = dashboard.page
    map_box = box(page.locator("#map"))
    target = {
        "bottom-left": (map_box["x"] + 14, map_box["y"] + map_box["height"] - 14),
        "top-middle": (map_box["x"] + map_box["width"] / 2, map_box["y"] + 14),
    }[where]
    first = page.locator("path.event-marker").first
    marker = box(first)
    shift = (target[0] - (marker["x"] + marker["width"] / 2), target[1] - (marker["y"] + marker["height"] / 2))
    start = (map_box["x"] + map_box["width"] / 2 - shift[0] / 2, map_box["y"] + map_box["height"] / 2 - shift[1] / 2)
    page.mouse.move(*start)
    page.mouse.down()
    page.mouse.move(start[0] + shift[0], start[1] + shift[1], steps=10)
    page.wait_for_timeout(300)  # held still before letting go: the map does not glide on (Leaflet's inertia)
    page.mouse.up()
    marker = box(first)
    centre = (marker["x"] + marker["width"] / 2, marker["y"] + marker["height"] / 2)
    assert abs(centre[0] - target[0]) < 10 and abs(centre[1] - target[1]) < 10, "the drag should bring it there"
    page.mouse.move(*centre)
    tip = page.locator(".leaflet-tooltip")
    tip.wait_for()
    tip_box = box(tip)
    assert tip_box["x"] >= map_box["x"] and tip_box["y"] >= map_box["y"], (tip_box, map_box)
    assert tip_box["x"] + tip_box["width"] <= map_box["x"] + map_box["width"], (tip_box, map_box)
    assert tip_box["y"] + tip_box["height"] <= map_box["y"] + map_box["height"], (tip_box, map_box)
