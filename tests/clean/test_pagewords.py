"""The page's own function words (clean/pagewords.py), on invented lines."""

from __future__ import annotations

import numpy as np

from guillemets.clean.features import (
    FEATURES,
    LINE_FEATURES,
    PAGE_WORD_FEATURES,
    add_page_words,
    base_features,
    line_features,
)
from guillemets.clean.lines import LineTable, split_pages
from guillemets.clean.pagewords import CJK_CHARS_PER_WORD, page_function_words

# An invented Russian page: a menu, three prose lines, a footer.
RU_PAGE = "\n".join(
    [
        "Главная | Новости | Погода",
        "Происшествия",
        "В субботу в городе на реке открыли новый мост, и на его открытие пришли сотни жителей.",
        "Мэр сказал, что на ремонт дороги у моста уйдёт ещё год, и что город не будет ждать.",
        "По его словам, в следующем году на мост и на дорогу в городе потратят ещё больше денег.",
        "Реклама на сайте",
        "Контакты",
    ]
)
# An invented Chinese page: four menu lines, three prose lines.
ZH_PAGE = "\n".join(
    [
        "首页",
        "新闻中心",
        "体育",
        "联系我们",
        "昨天下午，市图书馆的新大楼正式开放，很多市民一早就来到了这里排队。",
        "馆长说，新的图书馆有更多的座位，也有专门给孩子们的阅读区，这是大家一直希望的。",
        "他还说，图书馆以后的开放时间会更长，周末的晚上也可以来这里看书。",
    ]
)


def _density(t: LineTable) -> np.ndarray:
    return line_features(t)[:, FEATURES.index("page_fw_density")]


def test_words_length_and_commas_are_counted_as_before_on_cjk_lines() -> None:
    t = split_pages(["城市开通了一座新桥，很好。\n2024年 新闻 的 的 的"])
    x = line_features(t)
    assert np.expm1(x[:, FEATURES.index("words_log")]).round().tolist() == [1.0, 5.0]  # white-space tokens
    assert x[0, FEATURES.index("len_log")] == np.log1p(13)  # characters
    assert x[0, FEATURES.index("commas_per_word")] == 0.0  # ASCII commas only


def test_cjk_characters_among_the_page_top_count_half_a_word() -> None:
    t = split_pages(["的的的 a\nb"])
    # 的 is seen 3 times (the page's top character): 3 halves of a word in the first line.
    assert page_function_words(t.array, t.tokens, t.page).tolist() == [3 / CJK_CHARS_PER_WORD, 0.0]


def test_page_function_words_mark_prose_not_navigation_in_a_language_without_lists() -> None:
    t = split_pages([RU_PAGE])
    density = _density(t)
    prose, navigation = density[2:5], density[[0, 1, 6]]
    assert prose.min() > 0.1 and navigation.max() == 0.0


def test_page_function_characters_mark_chinese_prose() -> None:
    t = split_pages([ZH_PAGE])
    function = page_function_words(t.array, t.tokens, t.page)
    # One white-space token per line: the density would clip at 1; the counts themselves tell.
    # "新闻中心" shares a frequent character (新) with the prose: the other menu lines have none.
    assert function[4:].min() >= 3 and function[4:].mean() > 3 * function[:4].mean()
    assert (function[:4] == 0).sum() == 3


def test_page_words_do_not_depend_on_the_batch() -> None:
    alone = [split_pages([page]) for page in (RU_PAGE, ZH_PAGE)]
    together = split_pages([ZH_PAGE, "Menu\nМэр и город", RU_PAGE])
    got = page_function_words(together.array, together.tokens, together.page)
    expected = [page_function_words(t.array, t.tokens, t.page) for t in alone]
    assert got[together.rows(2)].tolist() == expected[0].tolist()
    assert got[together.rows(0)].tolist() == expected[1].tolist()


def test_page_words_filled_for_some_pages_are_those_of_the_whole_batch() -> None:
    t = split_pages([ZH_PAGE, "Menu\nМэр и город", RU_PAGE])
    columns = [LINE_FEATURES.index(name) for name in PAGE_WORD_FEATURES]
    everywhere, some = (base_features(t, page_words=False) for _ in range(2))
    add_page_words(everywhere, t)
    add_page_words(some, t, np.array([0, 2]))
    for p in (0, 2):
        assert some[t.rows(p)][:, columns].tolist() == everywhere[t.rows(p)][:, columns].tolist()
        assert everywhere[t.rows(p)][:, columns].any()
    assert not some[t.rows(1)][:, columns].any()  # the page not asked for is left at 0
    add_page_words(some, t, np.zeros(0, np.intp))  # no page: nothing to do


def test_blind_features_read_every_word_list_as_empty() -> None:
    page = "Menu\nLire aussi\nS'abonner à la newsletter\nLe maire a dit que la ville irait mieux."
    t = split_pages([page])
    seen, blind = line_features(t), line_features(t, blind=True)
    assert seen[:, FEATURES.index("stop_density")].max() > 0
    assert seen[:, FEATURES.index("marker_related")].max() == 1.0
    assert seen[:, FEATURES.index("cta_words")].max() > 0
    for name in ("stop_density", "marker_related", "cta_words", "page_stop_mean"):
        assert blind[:, FEATURES.index(name)].max() == 0.0, name
    same = [FEATURES.index(n) for n in ("len_log", "words_log", "page_fw_density", "ends_sentence")]
    assert np.array_equal(seen[:, same], blind[:, same])


def test_pairs_counted_in_an_array_or_sorted_agree(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from guillemets.clean import pagewords

    rng = np.random.default_rng(0)
    page, item = np.sort(rng.integers(0, 5, 400)), rng.integers(0, 30, 400)
    dense = pagewords._page_top(page, item, 3, 2)
    monkeypatch.setattr(pagewords, "_MAX_DENSE_KEYS", 0)  # every range "too large": np.unique
    assert np.array_equal(pagewords._page_top(page, item, 3, 2), dense) and dense.any() and not dense.all()


def test_short_words_are_counted_in_characters_not_bytes() -> None:
    # "дом" is 3 characters in 6 bytes, "днём" 4 in 8, "été" 3 in 5; each line repeats its word so
    # that it is among its page's top words when it is short enough.
    lines = ["дом дом дом", "днём днём днём", "été été été", "x😀 x😀 x😀"]
    t = split_pages(["\n".join(lines)])
    assert page_function_words(t.array, t.tokens, t.page).tolist() == [3.0, 0.0, 3.0, 3.0]
