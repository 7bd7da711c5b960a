"""Spelling folding for search: one key for a word however a reader typed it.

Kazakh readers type Kazakh on a Russian keyboard (қ→к, ә→а, ө→о, ұ/ү→у, ғ→г, ң→н, і→и, һ→х),
in the 2021 official Latin alphabet (ä, ö, ü, ū, ğ, ı, ş, q, ñ, j…) or in informal ASCII Latin
(sailau, Qostanai, Tokayev, zh, sh). Folding maps every spelling onto one reduced Cyrillic
alphabet, at index time and at query time, so all of them meet. Names spelled the Russian way
in one text and the Kazakh way in another (Тоқаев/Токаев) fold to the same key.

Written by hand because no library does it: transliteration libraries (e.g. for ICU or
Unidecode) turn Cyrillic into one Latin spelling but do not merge a Russian-layout substitute
with its Kazakh letter, nor read informal or 2021 Latin back; Snowball, lunr-languages and
Pagefind have no Kazakh at all. FOLD is data: `search.py` writes the same table into the
browser's script (`lunr_fold.js`), and a test checks that both give the same keys.

Folding is lossy on purpose (ы, і, и, й all become «и»; ә and а «а»): a search key, never
shown to a reader.
"""
from __future__ import annotations

import re

FOLD = {
    # Both languages: Kazakh letters → their Russian-layout substitutes; Russian ё → е.
    # A Russian page's Kazakh names (Қошанов) meet the Russian spelling (Кошанов).
    "cyrillic": {
        "ә": "а", "ө": "о", "ұ": "у", "ү": "у", "ғ": "г", "қ": "к", "ң": "н", "і": "и",
        "һ": "х", "ё": "е",
    },
    # Kazakh index only: letters that informal Latin cannot tell apart (sailau = сайлау,
    # 2021 «y» = ы, informal «y» = й), and Russian letters of loanwords.
    "kazakh": {
        "й": "и", "ы": "и", "э": "е", "щ": "ш", "ъ": "", "ь": "", "ю": "иу", "я": "иа",
    },
    # Kazakh index only: Latin, the 2021 alphabet, its 2018 acute variant and informal ASCII,
    # longest sequence first (the replacement is then folded like Cyrillic).
    "latin": {
        "shch": "ш", "sh": "ш", "ch": "ч", "zh": "ж", "kh": "х", "ts": "ц",
        "ya": "иа", "yu": "иу", "yo": "е", "ye": "е",
        "a": "а", "ä": "а", "á": "а", "b": "б", "c": "ц", "ç": "ч", "d": "д", "e": "е",
        "f": "ф", "g": "г", "ğ": "г", "ǵ": "г", "h": "х", "i": "и", "ı": "и", "ï": "и",
        "\u0307": "",  # the dot that lower-casing «İ» leaves
        "j": "ж", "k": "к", "l": "л", "m": "м", "n": "н", "ñ": "н", "ń": "н", "o": "о",
        "ö": "о", "ó": "о", "p": "п", "q": "к", "r": "р", "s": "с", "ş": "ш", "t": "т",
        "u": "у", "ū": "у", "ü": "у", "ú": "у", "ý": "у", "v": "в", "w": "у", "x": "кс",
        "y": "и", "z": "з",
    },
}


def _table(*parts: str) -> dict[str, str]:
    # Every replacement is already in the folded alphabet: one pass, no chains.
    return {src: dst for part in parts for src, dst in FOLD[part].items()}


def _folder(table: dict[str, str]):
    pattern = re.compile("|".join(re.escape(k) for k in sorted(table, key=len, reverse=True)))
    return lambda text: pattern.sub(lambda m: table[m.group(0)], text.lower())


fold_kk = _folder(_table("cyrillic", "kazakh", "latin"))
fold_kk.__doc__ = "A Kazakh word in any spelling → its folded form (lower case)."
fold_ru = _folder(_table("cyrillic"))
fold_ru.__doc__ = "A Russian word → lower case, ё → е, Kazakh letters → Russian substitutes."
