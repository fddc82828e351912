"""Language-free word signals (clean/pagewords.py), on invented lines."""

from __future__ import annotations

import numpy as np

from guillemets.clean.features import FEATURES, line_features
from guillemets.clean.lines import split_pages
from guillemets.clean.pagewords import CJK_CHARS_PER_WORD, page_words

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


def test_cjk_characters_count_as_words_and_width() -> None:
    t = split_pages(["城市开通了一座新桥。\nThe city opened a new bridge.\n2024年 新闻"])
    words = page_words(t.array, t.tokens, t.page)
    # 9 ideographs (the full stop U+3002 is punctuation, not a word); one token, led by a CJK character.
    assert words.cjk.tolist() == [9.0, 0.0, 3.0]
    assert words.words[0] == 9 / CJK_CHARS_PER_WORD
    assert words.words[1] == 6.0  # white-space tokens, as before
    assert words.words[2] == 3 / CJK_CHARS_PER_WORD  # "2024年" is led by a digit: not a word token
    x = line_features(t)
    # A Chinese sentence of 9 characters is about as long as a 27-character Latin line.
    assert x[0, FEATURES.index("len_log")] == np.log1p(10 + 2 * 9)


def test_full_width_commas_count_as_commas() -> None:
    t = split_pages(["市长说，新桥、新路和新站都会在明年开通"])
    assert page_words(t.array, t.tokens, t.page).cjk_commas.tolist() == [2.0]


def test_page_function_words_mark_prose_not_navigation_in_a_language_without_lists() -> None:
    t = split_pages([RU_PAGE])
    density = page_words(t.array, t.tokens, t.page).density
    prose, navigation = density[2:5], density[[0, 1, 6]]
    assert prose.min() > 0.1 and navigation.max() == 0.0


def test_page_function_characters_mark_chinese_prose() -> None:
    t = split_pages([ZH_PAGE])
    density = page_words(t.array, t.tokens, t.page).density
    # "新闻中心" shares a frequent character (新) with the prose: the other menu lines have none.
    assert density[4:].min() > 0.15 and density[4:].mean() > 3 * density[:4].mean()
    assert (density[:4] == 0).sum() == 3


def test_page_words_do_not_depend_on_the_batch() -> None:
    alone = [split_pages([page]) for page in (RU_PAGE, ZH_PAGE)]
    together = split_pages([ZH_PAGE, "Menu\nМэр и город", RU_PAGE])
    got = page_words(together.array, together.tokens, together.page)
    expected = [page_words(t.array, t.tokens, t.page).function for t in alone]
    assert got.function[together.rows(2)].tolist() == expected[0].tolist()
    assert got.function[together.rows(0)].tolist() == expected[1].tolist()


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
