/* Spelling folding for lunr.js (Material's search): fold.py's algorithm over the same FOLD
 * table, which search.py writes in below. Generated into the built site as lunr.fold.min.js
 * (the Russian index's first "language": ё → е, Kazakh letters → Russian substitutes, before
 * the stemmers) and at the head of lunr.kk.min.js; a test checks that it folds as fold.py does. */
(function (root, factory) { factory()(root.lunr) }(this, function () { return function (lunr) {
  var FOLD = /* FOLD */null;

  function folder(parts) {
    var table = {};
    parts.forEach(function (part) {
      Object.keys(FOLD[part]).forEach(function (src) { table[src] = FOLD[part][src] });
    });
    var keys = Object.keys(table).sort(function (a, b) { return b.length - a.length });
    var pattern = new RegExp(keys.map(function (k) {
      return k.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    }).join("|"), "g");
    return function (text) {
      return text.toLowerCase().replace(pattern, function (match) { return table[match] });
    };
  }

  // A language for lunr.multiLanguage: no stop words, its "stemmer" folds.
  lunr.fold = function () {};
  lunr.fold.kk = folder(["cyrillic", "kazakh", "latin"]);
  lunr.fold.ru = folder(["cyrillic"]);
  lunr.fold.wordCharacters = "\u00C0-\u024F\u0400-\u04FF";
  lunr.fold.stemmer = function (token) {
    return token.update(function (word) { return lunr.fold.ru(word) });
  };
  lunr.Pipeline.registerFunction(lunr.fold.stemmer, "fold-ru");
}}));
