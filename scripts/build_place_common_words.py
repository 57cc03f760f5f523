#!/usr/bin/env python3
"""Build src/rasad/data/place_common_words.tsv: common Arabic words and the gazetteer names
that are also common words.

For every one-word Arabic name key of the gazetteer (bare form: match-normalised, without
its article), and every Latin name word, look up the word's frequency
in general text with `wordfreq` (Zipf scale: 6 = once per thousand words, 3 = once per
million) and keep those at or above --min-zipf; add the --top-words most frequent Arabic words (bare
keys). The geoparser treats such names as weak: they count as places only with a place cue
(rasad.places.geoparser), and a name no list has may not be a frequent word.

    pip install wordfreq      # only needed to rebuild the file
    python scripts/build_place_common_words.py [--min-zipf 3.5]
"""

from __future__ import annotations

import argparse
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "rasad" / "data" / "place_common_words.tsv"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--min-zipf", type=float, default=3.5)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--top-words", type=int, default=30000, help="frequent Arabic words to add")
    a = ap.parse_args()
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover
        raise SystemExit("this script needs wordfreq: pip install wordfreq") from None
    from rasad.places.gazetteer import load_gazetteer
    from rasad.places.lexicon import arabic_key, is_arabic, latin_name_key
    from rasad.text.normalize import match_key

    gaz = load_gazetteer()
    ar: dict[str, float] = {}
    en: dict[str, float] = {}
    def forms(word: str) -> set[str]:
        """Spellings to look up: as written, with and without the article, ه/ة and ي/ى at the end."""
        base = word[2:] if word.startswith("ال") and len(word) > 4 else word
        out = {base, "ال" + base}
        for w in list(out):
            if w.endswith("ه"):
                out.add(w[:-1] + "ة")
            if w.endswith("ي"):
                out.add(w[:-1] + "ى")
        return out

    originals: dict[str, set[str]] = {}
    for p in gaz.places:
        for n in (p.name_ar,):
            if n:
                originals.setdefault(arabic_key(match_key(n))[0], set()).add(n.strip())
    for name, _i, _k in gaz.names():
        if is_arabic(name):
            key, _art = arabic_key(name)
            if key in ar or " " in key:  # wordfreq's estimates for phrases are not usable
                continue
            cands = forms(key) | {f for o in originals.get(key, ()) for f in forms(o)}
            ar[key] = max(zipf_frequency(f, "ar") for f in cands)
        else:
            words = [w for w in name.lower().replace("-", " ").split() if w not in ("al", "el")]
            if len(words) != 1:
                continue
            k = latin_name_key(words[0])
            z = zipf_frequency(words[0], "en")
            if z > en.get(k, 0.0):
                en[k] = z
    # and the frequent Arabic words themselves (bare keys), for names no list has
    from wordfreq import top_n_list

    for w in top_n_list("ar", a.top_words):
        k = match_key(w)
        if not k or not is_arabic(k) or " " in k:
            continue
        k = arabic_key(k)[0]
        z = zipf_frequency(w, "ar")
        if z > ar.get(k, 0.0):
            ar[k] = z
    # frequent English words as written (lower case): "Live", "Both", "Amid" open sentences
    words_en = {w: zipf_frequency(w, "en") for w in top_n_list("en", a.top_words) if w.isalpha()}
    rows = sorted(((k, z, "ar") for k, z in ar.items() if z >= a.min_zipf), key=lambda r: -r[1])
    rows += sorted(((k, z, "en") for k, z in en.items() if z >= a.min_zipf), key=lambda r: -r[1])
    # and rarer English words that some listed name is also written as ("Furious" ~ a village's
    # key): a capitalised word opening a sentence is no evidence of a name
    from rasad.places.lexicon import latin_key
    from rasad.places.matcher import name_index

    latin_keys = {info.key for info in name_index(gaz).infos if info.latin and " " not in info.key}
    keep = {k: z for k, z in words_en.items() if z >= 4.0 or (z >= 3.0 and latin_key(k) in latin_keys)}
    rows += sorted(((k, z, "en_word") for k, z in keep.items()), key=lambda r: -r[1])
    with a.out.open("w", encoding="utf-8") as f:
        f.write("# Common Arabic words and gazetteer names that are also common words\n")
        f.write(f"# (scripts/build_place_common_words.py, wordfreq Zipf frequencies, min {a.min_zipf}).\n")
        f.write("# key: Arabic bare key (match-normalised, no article) or Latin key.\n")
        f.write("key\tzipf\tlang\n")
        for k, z, lang in rows:
            f.write(f"{k}\t{z:.2f}\t{lang}\n")
    print(f"{len(rows)} names -> {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
