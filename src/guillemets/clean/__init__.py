"""Page cleaning: separate the main article from chrome and other stories' teasers."""

from guillemets.clean.result import Cleaned, LineDecision

__all__ = ["Cleaned", "LineDecision", "clean_dump", "clean_dumps", "clean_html"]


def clean_dump(text: str, lang: str | None = None, *, explain: bool = False) -> Cleaned:
    """Clean a plain-text page dump (one visible block per line)."""
    from guillemets.clean.segment import clean_dump as _clean

    return _clean(text, lang, explain=explain)


def clean_dumps(texts: list[str], *, explain: bool = False) -> list[Cleaned]:
    """Clean many page dumps at once: the same result as ``clean_dump`` on each, several times faster."""
    from guillemets.clean.segment import clean_dumps as _clean

    return _clean(texts, explain=explain)


def clean_html(html: str, url: str | None = None, *, explain: bool = False) -> Cleaned:
    """Clean an HTML page using its structure."""
    from guillemets.clean.html import clean_html as _clean

    return _clean(html, url, explain=explain)
