"""Language of a document: "ar", "en" or "other", from script proportions and stopwords.

Arabic script is shared with Persian, Kurdish (Sorani) and Urdu, and Latin script with every
European language, so the script decides the candidate and a stopword share confirms it:
Arabic needs Arabic function words (في، من، على، إلى، أن…), English needs English ones
(the, of, and, to, in…). Pages mix scripts (an Arabic article with an English menu), so the
script with most letters wins only when it has at least 30 % of the letters.
"""

from __future__ import annotations

import re

from rasad.model import Lang

_AR_LETTER = re.compile(r"[\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff\u0750-\u077f]")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
_WORD = re.compile(r"[\w\u0600-\u06ff]+")

AR_STOPWORDS = frozenset(
    (
        "في",
        "من",
        "على",
        "إلى",
        "الى",
        "عن",
        "مع",
        "أن",
        "ان",
        "إن",
        "التي",
        "الذي",
        "الذين",
        "بعد",
        "قبل",
        "حيث",
        "كما",
        "هذا",
        "هذه",
        "ذلك",
        "تلك",
        "وقد",
        "قد",
        "كان",
        "كانت",
        "أو",
        "او",
        "ثم",
        "بين",
        "حتى",
        "عند",
        "لم",
        "لن",
        "ما",
        "لا",
        "كل",
        "منذ",
        "خلال",
        "إلى",
        "وفي",
        "ومن",
        "وعلى",
        "وأن",
        "بأن",
        "فيما",
        "أي",
        "أيضا",
        "أيضاً",
        "وذلك",
        "وكان",
        "وكانت",
        "التى",
        "الى",
    )
)
# Persian / Kurdish function words that Arabic does not use.
NON_AR_STOPWORDS = frozenset(
    (
        "است",
        "این",
        "را",
        "که",
        "می\u200cشود",
        "بود",
        "شده",
        "های",
        "ئەو",
        "لە",
        "بۆ",
        "کە",
        "هەروەها",
    )
)
EN_STOPWORDS = frozenset(
    (
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "is",
        "that",
        "for",
        "on",
        "with",
        "as",
        "was",
        "by",
        "at",
        "from",
        "it",
        "its",
        "are",
        "were",
        "has",
        "have",
        "had",
        "be",
        "been",
        "an",
        "this",
        "which",
        "said",
        "after",
        "their",
        "they",
        "he",
        "she",
        "not",
        "but",
        "or",
        "who",
        "will",
        "than",
        "into",
        "over",
        "also",
        "more",
        "about",
        "against",
        "near",
    )
)


def detect_lang(text: str, sample: int = 20_000) -> Lang:
    """``"ar"``, ``"en"`` or ``"other"`` for ``text`` (its first ``sample`` characters)."""
    t = text[:sample]
    n_ar = len(_AR_LETTER.findall(t))
    n_lat = len(_LATIN_LETTER.findall(t))
    total = n_ar + n_lat
    if total < 3:
        return "other"
    words = _WORD.findall(t)
    if n_ar >= n_lat or (n_ar / total >= 0.3 and n_ar >= 40):
        ar_words = [w for w in words if _AR_LETTER.match(w)]
        if not ar_words:
            return "other"
        ar = sum(w in AR_STOPWORDS for w in ar_words)
        non = sum(w in NON_AR_STOPWORDS for w in ar_words)
        if non > ar:
            return "other"
        if ar / len(ar_words) >= 0.04 or len(ar_words) < 15:
            return "ar"
        return "other"
    lat_words = [w.lower() for w in words if _LATIN_LETTER.match(w)]
    if not lat_words:
        return "other"
    en = sum(w in EN_STOPWORDS for w in lat_words)
    if en / len(lat_words) >= 0.08 or (len(lat_words) < 8 and en >= 1):
        return "en"
    return "other"
