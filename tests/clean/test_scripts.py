# ruff: noqa: E501  (page dumps hold long lines on purpose)
"""Pages written mostly in scripts without spaces go to the unlisted model (``scripts.spaceless_pages``).

The Japanese page below has English menus and footer: enough stop words that the stop-word share
does not route it (``classify.unlisted_pages``), so only its script does. All pages are invented.
"""

from __future__ import annotations

import numpy as np

from guillemets.clean import scripts
from guillemets.clean.classify import load_model, routed_pages, unlisted_pages
from guillemets.clean.features import base_features, marker_kinds
from guillemets.clean.lines import split_pages
from guillemets.clean.segment import clean_dumps
from guillemets.clean.window import PageRows

JA = """Home
News
Sports
Business
About us | Contact us | Log in

港町の古い灯台が百年ぶりに修理へ

市は今月から、港の入り口に立つ古い灯台の修理を始めると発表した。灯台は百年前に建てられ、長い間船の安全を守ってきた。

修理では、さびた鉄の階段や割れた窓を取り替え、夜に光るランプも新しいものにする予定だという。工事は来年の春まで続く。

地元の漁師の一人は「子どものころから毎日見てきた灯台なので、きれいになるのはとてもうれしい」と話した。

市の担当者によると、修理が終わった後は、週末に灯台の中を見学できるようにすることも考えているという。

Most read
駅前に新しいパン屋が開店
夏祭りの花火は八月に
Terms of use | Privacy policy
© 2024 Minato Shimbun. All rights reserved.
"""

TH = "หน้าแรก\nข่าว\n\nตลาดน้ำแห่งใหม่เปิดให้นักท่องเที่ยวเข้าชมตั้งแต่วันเสาร์นี้เป็นต้นไปตามที่เทศบาลประกาศ\n"
# English prose quoting a few ideographs: its letters are mostly Latin.
EN_QUOTING = ("The shop sign read 东方书店 (Eastern Bookshop) and, below it, 欢迎光临 — welcome. "
              "Inside, the owner kept old maps of the harbour, letters from sailors and a tea kettle "
              "that had not left the stove in thirty years, she said, laughing at the question.\n")  # fmt: skip
# A short page of ideographs: under ``SPACELESS_MIN`` characters.
TINY = "首页\n新闻\n体育\n"


def _spaceless(pages: list[str]) -> list[int]:
    t = split_pages(pages)
    return scripts.spaceless_pages(t.array, t.page, t.pages).tolist()


def test_pages_mostly_in_spaceless_scripts_are_picked(small_page: tuple[str, str]) -> None:
    assert _spaceless([small_page[1], JA, EN_QUOTING, TH, TINY, ""]) == [1, 3]


def test_a_page_is_picked_whatever_its_batch(small_page: tuple[str, str]) -> None:
    assert _spaceless([JA]) == [0] and _spaceless([small_page[1]]) == []
    assert _spaceless([TH, small_page[1], JA]) == [0, 2]


def test_the_share_counts_letters_not_bytes() -> None:
    # 30 ideographs (90 bytes) against 40 Latin letters: 43 % of the letters, not picked.
    page = "東" * 30 + " " + "abcd " * 10 + "\n"
    assert _spaceless([page]) == []
    assert _spaceless([page.replace("abcd ", "ab ")]) == [0]  # 30 against 20: 60 %


def test_the_japanese_page_is_routed_by_its_script_alone() -> None:
    t = split_pages([JA])
    x, rows = base_features(t, marker_kinds(t)), PageRows(t.bounds)
    assert unlisted_pages(x, rows).tolist() == []
    assert routed_pages(x, rows, t.array).tolist() == [0]


def test_routed_by_script_the_article_is_kept_and_the_chrome_dropped() -> None:
    cleaned = clean_dumps([JA])[0]
    lines = [ln for ln in JA.splitlines() if ln.strip()]
    prose = [ln for ln in lines if ln.endswith("。")]
    assert [cleaned.lede, *cleaned.paragraphs] == prose
    kept = {cleaned.title, cleaned.lede, *cleaned.paragraphs}
    assert not kept & {"Home", "News", "About us | Contact us | Log in", "Most read", "駅前に新しいパン屋が開店",
                       "夏祭りの花火は八月に", "Terms of use | Privacy policy"}  # fmt: skip


def test_a_routed_page_is_scored_by_the_unlisted_model(small_page: tuple[str, str]) -> None:
    model = load_model()
    assert model.unlisted is not None
    batch = split_pages([small_page[1], JA])
    x, rows = base_features(batch, marker_kinds(batch), page_words=True), PageRows(batch.bounds)
    z = model.logits(x, rows, routed_pages(x, rows, batch.array))
    alone = split_pages([JA])
    own = model.unlisted.own_logits(
        base_features(alone, marker_kinds(alone), page_words=True), PageRows(alone.bounds)
    )
    assert np.allclose(z[batch.rows(1)], own)
    assert np.array_equal(z[batch.rows(0)], model.own_logits(x, rows)[batch.rows(0)])
