# ruff: noqa: E501  (page dumps hold long lines on purpose)
"""Pages in languages no word list knows: the article is kept and the navigation dropped.

Chinese and Amharic have no jusText stop list and no marker list; Russian and Greek have stop lists,
so they are cleaned blind (``blind=True``: every word list read as empty), as a language no list knows
would be. A page with (almost) no stop word goes to the unlisted model (``classify.unlisted_pages``).
All pages are invented.
"""

from __future__ import annotations

import numpy as np
import pytest

from guillemets.clean.classify import load_model, unlisted_pages
from guillemets.clean.features import base_features, marker_kinds
from guillemets.clean.lines import split_pages
from guillemets.clean.segment import clean_dumps
from guillemets.clean.window import PageRows

ZH = """首页
新闻
国内
国际
财经
体育
登录 | 注册

市图书馆新大楼今天开放

昨天下午，市图书馆的新大楼正式对外开放，很多市民一大早就来到门口排队，希望成为第一批读者。

新大楼一共有六层，比原来的老馆大了三倍，里面有两千多个座位，还有专门给孩子们准备的阅读区和活动室。

馆长在开馆仪式上说，这是全市人民期待了很多年的事情，图书馆以后的开放时间也会更长，周末的晚上也可以来这里看书。

一位带着女儿来的市民说，她小时候就经常去老图书馆，现在能和孩子一起来新馆，觉得非常高兴。

热门文章
城市地铁三号线年底通车
春节期间公园免费开放
关于我们
联系我们
版权所有 © 2024 城市日报
"""

RU = """Главная
Новости
Политика
Экономика
Спорт
Вход | Регистрация

В Заречье открыли отремонтированный мост через реку

В субботу утром в Заречье открыли мост через реку, который был закрыт на ремонт почти два года, и на его открытие пришли сотни жителей города.

По словам главы района, работы обошлись дороже, чем планировали, потому что за это время выросли цены на металл и на бетон.

Жители говорят, что без моста им приходилось ездить в центр через соседнее село, и дорога занимала на полчаса больше, чем раньше.

В следующем году в районе обещают отремонтировать ещё две дороги и построить новую остановку у школы.

Популярное
Погода на выходные
Афиша концертов
О редакции
Контакты
© 2024 Заречные вести
"""

EL = """Αρχική
Ειδήσεις
Πολιτική
Οικονομία
Αθλητισμός
Σύνδεση | Εγγραφή

Νέο δρομολόγιο πλοίου για το νησί από τον Ιούνιο

Από τον Ιούνιο το νησί θα έχει ένα ακόμη καθημερινό δρομολόγιο πλοίου, όπως ανακοίνωσε χθες ο δήμαρχος μετά από συνάντηση με την εταιρεία.

Οι κάτοικοι ζητούσαν εδώ και χρόνια περισσότερα δρομολόγια, γιατί το καλοκαίρι τα εισιτήρια τελειώνουν πολύ γρήγορα και πολλοί μένουν στο λιμάνι.

Ο δήμαρχος είπε ότι το νέο δρομολόγιο θα βοηθήσει και τους επαγγελματίες του νησιού, που περιμένουν περισσότερους επισκέπτες φέτος.

Η εταιρεία θα ανακοινώσει τις ώρες και τις τιμές των εισιτηρίων μέσα στις επόμενες εβδομάδες.

Δημοφιλή
Καιρός
Επικοινωνία
Όροι χρήσης
© 2024 Νησιωτικά Νέα
"""

AM = """መነሻ
ዜና
ፖለቲካ
ኢኮኖሚ
ስፖርት
ግባ | ተመዝገብ

በከተማው አዲስ ድልድይ ተከፈተ

ቅዳሜ ጠዋት በከተማው ወንዝ ላይ የተሰራው አዲስ ድልድይ ተከፈተ እና በመክፈቻው ላይ ብዙ ነዋሪዎች ተገኝተዋል፣ ድልድዩ ለሁለት ዓመት ሲሰራ ቆይቷል.

የከተማው ከንቲባ እንደተናገሩት ድልድዩ ነዋሪዎች ወደ ገበያ እና ወደ ትምህርት ቤት የሚሄዱበትን ጊዜ በግማሽ ሰዓት ያሳጥራል.

ነዋሪዎች እንደሚሉት ከዚህ በፊት በዝናብ ወቅት ወንዙን መሻገር አስቸጋሪ ነበር እና ልጆች ወደ ትምህርት ቤት መሄድ አይችሉም ነበር.

በሚቀጥለው ዓመት በከተማው ሁለት አዳዲስ መንገዶች እና አንድ ጤና ጣቢያ ላይ ሥራ እንደሚጀመር ተገልጿል.

ተወዳጅ
የሳምንቱ የአየር ሁኔታ
የኮንሰርት መርሃ ግብር
ስለ እኛ
አግኙን
© 2024 የከተማ ዜና
"""


def _blocks(page: str) -> tuple[list[str], list[str]]:
    """The page's prose paragraphs (the lines ending with a full stop) and every other line but its
    headline (menus, footer, the most-read block after the article)."""
    lines = [ln for ln in page.splitlines() if ln.strip()]
    prose = [ln for ln in lines if ln.endswith(("。", "."))]
    headline = lines.index(prose[0]) - 1
    return prose, lines[:headline] + lines[lines.index(prose[-1]) + 1 :]


# Known weakness (docs/clean.md, Round 4): read blind, the Russian page goes to the unlisted model,
# which drops its last paragraph (a short one after three long ones); the main model read blind kept it.
WEAK_LAST_PARAGRAPH = "the unlisted model drops the Russian page's short last paragraph"
PAGES = [(ZH, False), (ZH, True), (RU, True), (EL, True), (AM, False)]


@pytest.mark.parametrize(
    ("page", "blind"),
    [*PAGES[:2], pytest.param(*PAGES[2], marks=pytest.mark.xfail(strict=True, reason=WEAK_LAST_PARAGRAPH)),
     *PAGES[3:]],
)  # fmt: skip
def test_article_kept_and_navigation_dropped_without_word_lists(page: str, blind: bool) -> None:
    cleaned = clean_dumps([page], blind=blind)[0]
    body = [cleaned.lede, *cleaned.paragraphs]
    prose, other = _blocks(page)
    assert body == prose
    assert not set(other) & {cleaned.title, *body}


@pytest.mark.parametrize(("page", "blind"), PAGES)
def test_navigation_dropped_and_the_article_opening_kept_without_word_lists(page: str, blind: bool) -> None:
    cleaned = clean_dumps([page], blind=blind)[0]
    body = [cleaned.lede, *cleaned.paragraphs]
    prose, other = _blocks(page)
    assert body == prose[: len(body)] and len(body) >= 3
    assert not set(other) & {cleaned.title, *body}


def test_blind_cleaning_reads_no_marker() -> None:
    page = RU.replace("Популярное", "Lire aussi")
    seen, blind = clean_dumps([page])[0], clean_dumps([page], blind=True)[0]
    assert "Lire aussi" in {c.text for c in seen.chrome if c.kind == "heading"}
    assert "Lire aussi" not in {c.text for c in blind.chrome if c.kind == "heading"}


def _unlisted(pages: list[str]) -> list[int]:
    t = split_pages(pages)
    return list(unlisted_pages(base_features(t, marker_kinds(t)), PageRows(t.bounds)))


def test_pages_without_stop_words_go_to_the_unlisted_model(small_page: tuple[str, str]) -> None:
    assert _unlisted([small_page[1], AM, RU, ZH]) == [1, 3]  # Russian has a jusText list: not routed


def test_routing_leaves_pages_with_stop_words_to_the_main_model(small_page: tuple[str, str]) -> None:
    t = split_pages([small_page[1], RU])
    x, rows = base_features(t, marker_kinds(t)), PageRows(t.bounds)
    model = load_model()
    assert model.unlisted is not None
    assert np.array_equal(model.logits(x, rows), model.own_logits(x, rows))


def test_unlisted_pages_are_scored_alone_whatever_their_batch(small_page: tuple[str, str]) -> None:
    model = load_model()
    batch = split_pages([small_page[1], AM, RU])
    alone = split_pages([AM])
    z = model.logits(base_features(batch, marker_kinds(batch)), PageRows(batch.bounds))
    z_alone = model.logits(base_features(alone, marker_kinds(alone)), PageRows(alone.bounds))
    own = model.unlisted.own_logits(base_features(alone, marker_kinds(alone)), PageRows(alone.bounds))
    assert np.allclose(z[batch.rows(1)], z_alone) and np.array_equal(z_alone, own)
