# ruff: noqa: E501  (page dumps hold long lines on purpose)
"""Pages in languages no word list knows: the article is kept and the navigation dropped.

Chinese has no jusText stop list and no marker list; Russian and Greek have stop lists, so they are
cleaned blind (``blind=True``: every word list read as empty), as a language no list knows would be.
All pages are invented.
"""

from __future__ import annotations

import pytest

from guillemets.clean.segment import clean_dumps

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


def _blocks(page: str) -> tuple[list[str], list[str]]:
    """The page's prose paragraphs (the lines ending with a full stop) and every other line but its
    headline (menus, footer, the most-read block after the article)."""
    lines = [ln for ln in page.splitlines() if ln.strip()]
    prose = [ln for ln in lines if ln.endswith(("。", "."))]
    headline = lines.index(prose[0]) - 1
    return prose, lines[:headline] + lines[lines.index(prose[-1]) + 1 :]


@pytest.mark.parametrize(("page", "blind"), [(ZH, False), (ZH, True), (RU, True), (EL, True)])
def test_article_kept_and_navigation_dropped_without_word_lists(page: str, blind: bool) -> None:
    cleaned = clean_dumps([page], blind=blind)[0]
    body = [cleaned.lede, *cleaned.paragraphs]
    prose, other = _blocks(page)
    assert body == prose
    assert not set(other) & {cleaned.title, *body}


def test_blind_cleaning_reads_no_marker() -> None:
    page = RU.replace("Популярное", "Lire aussi")
    seen, blind = clean_dumps([page])[0], clean_dumps([page], blind=True)[0]
    assert "Lire aussi" in {c.text for c in seen.chrome if c.kind == "heading"}
    assert "Lire aussi" not in {c.text for c in blind.chrome if c.kind == "heading"}
