from __future__ import annotations

import numpy as np

from guillemets.clean.features import FEATURES, LINE_FEATURES, base_features, line_features
from guillemets.clean.lines import split_pages, table_lines


def _column(x: np.ndarray, name: str) -> np.ndarray:
    return x[:, FEATURES.index(name)]


def test_line_features_shape_matches_feature_names(small_page: tuple[str, str]) -> None:
    table = split_pages([small_page[1]])
    lines, x = table_lines(table), line_features(table)
    assert x.shape == (len(lines), len(FEATURES))
    assert np.isfinite(x).all()


def test_line_features_prose_has_more_stop_words_than_navigation(small_page: tuple[str, str]) -> None:
    table = split_pages([small_page[1]])
    lines, x = table_lines(table), line_features(table)
    longest = max(range(len(lines)), key=lambda i: len(lines[i].text))
    nav = next(i for i, ln in enumerate(lines) if ln.text in ("Menu", "Subscribe", "Menü"))
    assert _column(x, "stop_density")[longest] > 0.2 > _column(x, "stop_density")[nav]
    assert _column(x, "ends_sentence")[longest] == 1.0
    assert _column(x, "len_log")[longest] > _column(x, "len_log")[nav]


def test_line_features_flag_markers_dates_and_legal(small_page: tuple[str, str]) -> None:
    table = split_pages([small_page[1]])
    lines, x = table_lines(table), line_features(table)
    related = [
        i for i, ln in enumerate(lines) if ln.text in ("Lire aussi", "Related stories", "Mehr zum Thema")
    ]
    assert _column(x, "marker_related")[related].all()
    assert _column(x, "after_related_marker")[related[0] + 1] > 0
    assert _column(x, "date_line").sum() == 1
    assert _column(x, "legal_text")[-1] == 1.0


def test_line_features_of_empty_page() -> None:
    assert line_features(split_pages([""])).shape == (0, len(FEATURES))
    assert line_features(split_pages([])).shape == (0, len(FEATURES))


def test_capitalised_share_reads_utf8_capitals() -> None:
    table = split_pages(["Élysée Œuvre élan Ωmega Москва москва «Quote ×times ABC"])
    x = line_features(table)
    # Élysée, Ωmega, Москва, ABC are capitalised; Œ (outside Latin-1) and the quoted word are not.
    assert _column(x, "capitalised_share")[0] == 4 / 9


def test_stop_density_counts_function_words_of_languages_without_hand_lists() -> None:
    # Invented lines: Russian and Greek prose against navigation in the same scripts.
    table = split_pages(
        [
            "Главная\nНовости\nВ городе открыли новый мост, и жители были рады этому событию.\n"
            "Αρχική\nΗ πόλη άνοιξε μια νέα γέφυρα και οι κάτοικοι χάρηκαν για αυτό."
        ]
    )
    x = line_features(table)
    stop = _column(x, "stop_density")
    assert stop[2] > 0.2 and stop[4] > 0.2
    assert stop[0] == stop[1] == stop[3] == 0.0


def test_sentence_end_includes_cjk_full_stops() -> None:
    x = line_features(split_pages(["城市开通了一座新桥。\n首页"]))
    assert _column(x, "ends_sentence").tolist() == [1.0, 0.0]


def test_page_relative_features_compare_a_line_with_its_page() -> None:
    page = "Home\nA much longer line of prose that is written as the page's article text, in full.\nShop"
    x = line_features(split_pages([page, "x\n" + page]))
    rel = _column(x, "len_vs_page")
    assert rel[1] > 0 > rel[0] and rel[2] < 0
    assert _column(x, "digit_share")[0] == 0.0
    assert _column(line_features(split_pages(["Tel. 0123 456"])), "digit_share")[0] == 7 / 13


def test_blind_features_read_every_word_list_as_empty() -> None:
    page = "Menu\nLire aussi\nS'abonner à la newsletter\nLe maire a dit que la ville irait mieux."
    t = split_pages([page])
    seen, blind = line_features(t), line_features(t, blind=True)
    for name in ("stop_density", "marker_related", "cta_words"):
        assert _column(seen, name).max() > 0, name
        assert _column(blind, name).max() == 0.0, name
    same = [FEATURES.index(n) for n in ("len_log", "words_log", "ends_sentence", "capitalised_share")]
    assert np.array_equal(seen[:, same], blind[:, same])


def test_repeated_lines_count_within_their_page_only() -> None:
    t = split_pages(["Partager\nUn texte inventé.\nPartager", "Partager\nAutre phrase.\nAutre ligne."])
    repeated = base_features(t)[:, LINE_FEATURES.index("repeated")].tolist()
    assert repeated == [1.0, 0.0, 1.0, 0.0, 0.0, 0.0]
