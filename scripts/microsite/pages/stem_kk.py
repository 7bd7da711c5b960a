"""A Kazakh suffix-stripping stemmer, for search ("сайлауға", "сайлаудың" → "сайлау").

Hand-written because no stemmer for Kazakh exists in Snowball, lunr-languages or Pagefind.
RULES is data: the same table drives this module and the search engine's JavaScript
(`lunr_kk.js`, filled in by `search.py`), and a test checks that both give the same stem for
every word in the test table.

Kazakh words grow at the end in a fixed order: root + derivation + plural + possessive + case.
The stemmer strips from the end one slot at a time (case, possessive, plural, derivation — the
last may repeat), taking the longest ending that fits, and only when
- the ending's vowels agree with the stem's (vowel harmony: back а о ұ ы я, front ә е ө ү і э и;
  у ю decide nothing); «мен/бен/пен» have no harmony;
- the letter before may precede it: «-тар» after a voiceless consonant, «-дар» after
  з ж л м н ң, «-лар» after a vowel or р й; «-на», «-нда» only after the possessive ы/і;
  an ending that starts with a vowel only after a consonant;
- the stem keeps a vowel and the slot's minimum length, and no `unless` pattern matches it
  («қазақстан» keeps «-тан», «жұмысы» is «жұмыс» + «ы», not «жұмы» + «сы»).
A stem ending in ғ/г/б before an ending that starts with a vowel gets back its қ/к/п
(«құқығы» → «құқық»).

A light stemmer cannot know roots: a root that ends like a suffix loses it («түрлі» → «түрл»),
the same way in every form, so search still matches; only forms of it that differ do not.
"""
from __future__ import annotations

import re

from ..pages.fold import fold_kk

VOWELS = "аәеиоөуұүыіэюяё"
VOICELESS = "пткқсшщфхцчһбвгд"      # б в г д take the voiceless variants (-тар, -тың) too
VOICED = "рйузжлмнң"

RULES = {
    "letters": VOWELS + "бвгджзйклмнңпрстфхцчшщъьғқһ",
    "back": "аоұыя",
    "front": "әеөүіэи",
    "vowels": VOWELS,
    # Which letters may stand before an ending, by the ending's start (longest key wins).
    "after": {
        "л": VOWELS + "рй",
        "д": VOWELS + VOICED,
        "ғ": VOWELS + VOICED, "г": VOWELS + VOICED,
        "т": VOICELESS, "қ": VOICELESS, "к": VOICELESS, "п": VOICELESS,
        "н": VOWELS + "мнң",
        "на": "ыі", "не": "ыі", "нд": "ыі",       # dative, locative after the possessive
        "нан": "ыімнң", "нен": "ыімнң",
        "м": VOWELS + VOICED,
        "б": "зжлмнңрй",
        "с": VOWELS,
    },
    "no_harmony": ["мен", "бен", "пен", "менен", "бенен", "пенен"],
    # Stem-final voiced consonant before a vowel: the dictionary form ends voiceless.
    "devoice": {"ғ": "қ", "г": "к", "б": "п"},
    "devoice_unless": "нг$",    # мониторинг, брифинг: loanwords end in -нг
    # Slots from the end of the word inward.
    "slots": [
        {"name": "case", "min_stem": 2, "endings": [
            # genitive, accusative, dative, locative, ablative, instrumental
            "ның", "нің", "дың", "дің", "тың", "тің",
            "ны", "ні", "ды", "ді", "ты", "ті", "ын", "ін", "сын", "сін",
            "ға", "ге", "қа", "ке", "на", "не",
            "да", "де", "та", "те", "нда", "нде",
            "дан", "ден", "тан", "тен", "нан", "нен",
            "мен", "бен", "пен", "менен", "бенен", "пенен",
            # "which is in/at": Қазақстандағы, Астанадағы, жөніндегі
            "дағы", "дегі", "тағы", "тегі", "ндағы", "ндегі",
        ]},
        {"name": "possessive", "min_stem": 2, "endings": [
            "ымыз", "іміз", "мыз", "міз", "ыңыз", "іңіз",
            "сы", "сі", "ы", "і",
        ]},
        {"name": "plural", "min_stem": 2, "endings": ["лар", "лер", "дар", "дер", "тар", "тер"]},
        {"name": "derivation", "min_stem": 3, "repeat": 2, "endings": [
            "шылық", "шілік",                                   # activity: бұзушылық
            "лық", "лік", "дық", "дік", "тық", "тік",           # abstract noun, adjective
            "шы", "ші",                                         # agent: сайлаушы
            "лы", "лі", "ды", "ді", "ты", "ті",                 # having: маңызды
            "ғы", "гі", "қы", "кі",                             # жылғы, ішкі
            "ыншы", "інші", "ншы", "нші",                       # ordinal: екінші
            "ша", "ше",                                         # manner: жаңаша
        ]},
    ],
    # Not stripped when the stem left matches (regular expressions, same in Python and JS).
    "unless": {
        "тан": "с$",            # Қазақстан, Өзбекстан: -стан is no ablative
        "сы": "[^шдт]ы$",       # жұмысы, облысы: a root in -ыс + ы (but басшы-сы)
        "сі": "[^шдт]і$",       # өзгерісі
        "ы": "ш$", "і": "ш$",   # басшы, жетекші: the agent's -шы, no possessive
    },
    # Function words: never stemmed, and left out of the search index.
    "stop_words": [
        "және", "мен", "бен", "пен", "да", "де", "та", "те", "бұл", "осы", "сол", "ол",
        "үшін", "туралы", "бойынша", "әрі", "немесе", "не", "тағы", "оның", "оны", "оған",
        "мұны", "бұған", "осының",
    ],
}

def folded(rules: dict, fold) -> dict:
    """The rules for folded words (`fold.fold_kk`): every letter, ending and pattern folded.

    Folding merges front and back vowels (ә/а, і/ы/и), so vowel harmony is left out: a
    folded word keeps the ending whichever variant it was; the same function runs on the
    index and on the query, so both sides agree.
    """
    def letters(text: str) -> str:
        return "".join(dict.fromkeys(fold(text)))

    def endings(items: list[str]) -> list[str]:
        return list(dict.fromkeys(fold(e) for e in items))

    return {
        "letters": letters(rules["letters"]), "back": "", "front": "",
        "vowels": letters(rules["vowels"]),
        "after": {fold(k): letters(v) for k, v in rules["after"].items()},
        "no_harmony": endings(rules["no_harmony"]),
        "devoice": {fold(k): fold(v) for k, v in rules["devoice"].items()},
        "devoice_unless": fold(rules["devoice_unless"]),
        "slots": [{**slot, "endings": endings(slot["endings"])} for slot in rules["slots"]],
        "unless": {fold(k): fold(v) for k, v in rules["unless"].items()},
        "stop_words": endings(rules["stop_words"]),
    }


class Stemmer:
    """The algorithm above over one rule table (RULES, or its folded form)."""

    def __init__(self, rules: dict):
        self.rules = rules
        self.word = re.compile("^[" + rules["letters"] + "]+$")
        self.after = sorted(rules["after"].items(), key=lambda item: -len(item[0]))
        self.unless = {ending: re.compile(pattern) for ending, pattern in rules["unless"].items()}
        self.slots = [(sorted(s["endings"], key=len, reverse=True), s["min_stem"], s.get("repeat", 1))
                      for s in rules["slots"]]
        self.stop = frozenset(rules["stop_words"])

    def _harmony(self, text: str) -> str | None:
        """'back' or 'front' by the last vowel that decides; None if none does."""
        for letter in reversed(text):
            if letter in self.rules["back"]:
                return "back"
            if letter in self.rules["front"]:
                return "front"
        return None

    def _fits(self, stem: str, ending: str, min_stem: int) -> bool:
        vowels = self.rules["vowels"]
        if len(stem) < min_stem or not any(v in stem for v in vowels):
            return False
        last = stem[-1]
        if ending[0] in vowels:
            if last in vowels and last != "у":  # у is a consonant too: сайлау + ы
                return False
        else:
            allowed = next((letters for start, letters in self.after if ending.startswith(start)), None)
            if allowed is not None and last not in allowed:
                return False
        if ending in self.unless and self.unless[ending].search(stem):
            return False
        wanted = None if ending in self.rules["no_harmony"] else self._harmony(ending)
        return wanted is None or self._harmony(stem) in (None, wanted)

    def _strip(self, word: str, endings: list[str], min_stem: int) -> str | None:
        devoice = self.rules["devoice"]
        for ending in endings:  # longest first
            if word.endswith(ending):
                stem = word[: -len(ending)]
                if self._fits(stem, ending, min_stem):
                    if (ending[0] in self.rules["vowels"] and stem[-1] in devoice
                            and not re.search(self.rules["devoice_unless"], stem)):
                        stem = stem[:-1] + devoice[stem[-1]]
                    return stem
        return None

    def __call__(self, word: str) -> str:
        word = word.lower()
        if word in self.stop or not self.word.match(word):
            return word
        for endings, min_stem, times in self.slots:
            for _ in range(times):
                shorter = self._strip(word, endings, min_stem)
                if shorter is None:
                    break
                word = shorter
        return word


stem = Stemmer(RULES)
stem.__doc__ = "The stem of one Kazakh word; other words (Latin, digits, stop words) only lower-cased."

KEY_RULES = folded(RULES, fold_kk)
_stem_folded = Stemmer(KEY_RULES)


def key(word: str) -> str:
    """A Kazakh word's search key in any spelling: folded, then stemmed by the folded rules
    («сайлауға», «saılauğa», «sailauga» → «саилау»)."""
    return _stem_folded(fold_kk(word))
