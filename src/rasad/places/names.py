"""Where a name no list has begins and ends: after a place noun, and as an item of a list.

"قرية الحمرا غرب ..." -> الحمرا; "قرى تل حسن، الصفصافة، أبو جلود، الكرمة" -> four names;
"حقل التيم" -> the noun is part of the site's name. The word lists (heads, tails, stop
words, site adjectives) are in data/place_nouns.yaml and data/place_stopwords.yaml.
"""

from __future__ import annotations

from functools import lru_cache

from rasad.places.lexicon import PROCLITICS, bare_forms, is_arabic, lexicon
from rasad.places.matcher import Tokens, token_stems

MAX_NAME_TOKENS = 3


def is_stop(word: str, start: bool = True) -> bool:
    """A word that cannot start (``start``) or continue a name (preposition, frame word, verb…)."""
    lex = lexicon()
    if is_arabic(word):
        return _stop_ar(word, start)
    return word in lex.stop_en or (start and word in lex.never_en)


@lru_cache(maxsize=32768)
def _stop_ar(word: str, start: bool = True) -> bool:
    lex = lexicon()
    if start and word in lex.never:
        return True
    for prefix, stem in bare_forms(word):
        art = PROCLITICS.get(prefix, False)
        if not art and stem.startswith("ال") and len(stem) > 3:
            stem, art = stem[2:], True
        if (art and stem in lex.stop_art) or (not art and stem in lex.stop_plain):
            return True
        if start and not art and prefix and stem in lex.never:
            return True
    return False


def verb_like(word: str) -> bool:
    """ل/ف/س + an imperfect prefix (لتسيطر، فيما، ستقوم): a verb, not a name."""
    if len(word) >= 5 and word[0] in "لفس" and word[1] in "تين" and not word.startswith("لي"):
        return True
    w = word[1:] if word.startswith("و") else word
    if len(w) in (5, 6) and w.startswith("است") and not w.endswith("ه"):
        return True  # استولى، استهدف، استمر (a form X verb; the noun استيلاء، استراحة is longer)
    return len(w) >= 5 and w[0] == "ا" and w.endswith("ت") and not w.startswith("ال")  # اتجهت، استمرت


def perfect_feminine(word: str) -> bool:
    """"ساندت", "فكت", "عمدت": a verb in the perfect with the feminine ت (after match
    normalisation a final ت is never a ta marbuta; plural ات is a noun)."""
    return 3 <= len(word) <= 5 and word.endswith("ت") and not word.endswith("ات")


def _starts_article(word: str) -> bool:
    return word.startswith("ال") and len(word) > 3 and word != "الله"


def name_end(toks: Tokens, j: int, site: bool = False, limit: int | None = None,
             after_noun: bool = False) -> int:
    """Last token of an Arabic name that starts at token ``j`` (``j - 1`` when none does)."""
    lex = lexicon()
    words = toks.words
    n = len(words)
    last = min(n, limit if limit is not None else n) - 1
    w = words[j] if j <= last else ""
    if not w or (not is_arabic(w) and not (site and w.isdigit())):
        return j - 1
    if len(w) < 2 or (is_stop(w, start=not after_noun) and w not in lex.name_heads) or verb_like(w):
        return j - 1  # after a place noun, person names start names too ("ساحة سعد الله الجابري")
    if not site and w not in lex.name_heads and token_stems(w) & (lex.site | set(lex.settlement)):
        return j - 1  # "محور ناحية جنديرس": a noun, not a name
    end = j
    while end - j + 1 < MAX_NAME_TOKENS and end + 1 <= last and toks.space_gap(end + 1):
        cur, nxt = words[end], words[end + 1]
        if not (is_arabic(nxt) or nxt.isdigit()):
            break
        if nxt.startswith("و") and nxt not in lex.name_tails and nxt not in lex.name_heads:
            break
        if is_stop(nxt, start=False) or verb_like(nxt):
            break
        if nxt in lex.name_tails or (nxt[:2] == "ال" and nxt[2:] in lex.name_tails and _starts_article(cur)):
            end += 1  # "معارة عليا", "الحمام الصغير"
            continue
        if cur in lex.name_tails and cur in ("الله", "الدين") and _starts_article(nxt) and after_noun:
            end += 1  # a family name after "عبد الله", "نور الدين"
            continue
        if not site and nxt.startswith("ال") and nxt[2:] in lex.site_adjectives:
            break
        if cur.isdigit():
            break
        if (site and nxt.isdigit()) or cur in lex.name_heads:
            end += 1
            continue
        if _starts_article(nxt) and not _starts_article(cur) and end == j:
            end += 1
            continue
        break
    return end


def site_adjectives_end(toks: Tokens, end: int) -> int:
    lex = lexicon()
    while end + 1 < len(toks) and toks.space_gap(end + 1) and toks.words[end + 1][2:] in lex.site_adjectives \
            and toks.words[end + 1].startswith("ال"):
        end += 1
    return end


def latin_name_span(toks: Tokens, j: int, forward: bool = True, max_tokens: int = 4,
                    relaxed: bool = False) -> tuple[int, int] | None:
    """A run of capitalised Latin tokens (with al-/el- articles) starting (or ending) at ``j``;
    ``relaxed``: words like "International" may stand inside it ("Erbil International Airport")."""
    words, n = toks.words, len(toks)
    lex = lexicon()

    def ok(i: int) -> bool:
        w = words[i]
        if w in ("al", "el"):
            return True
        return not is_arabic(w) and toks.upper[i] and (relaxed or (w not in lex.never_en
                                                               and w not in lex.frames_after_en))

    if not (0 <= j < n) or not ok(j):
        return None
    a = b = j
    step = 1 if forward else -1
    while 0 <= b + step < n and abs(b - a) + 1 < max_tokens:
        k = b + step
        gap_i = k if forward else b
        if not toks.space_gap(gap_i) or not ok(k):
            break
        b = k
    s, e = (a, b) if forward else (b, a)
    while relaxed and s <= e and words[s] in lex.never_en and words[s] not in ("al", "el"):
        s += 1
    while s <= e and words[s] in ("al", "el"):
        s += 1
    while e >= s and words[e] in ("al", "el"):
        e -= 1
    if s > e:
        return None
    if s > 0 and words[s - 1] in ("al", "el") and toks.space_gap(s):
        s -= 1
    return s, e
