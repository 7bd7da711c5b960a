/* Kazakh for lunr.js (Material's search): trimmer, stop words, and the stemmer of
 * scripts/microsite/stem_kk.py — the same algorithm over the same RULES table, which
 * search.py writes in below, with their folded form (KEY_RULES). Generated into the built site
 * as lunr.kk.min.js, after lunr_fold.js; a test checks that it gives stem_kk.py's stems and
 * keys for every word of the test table. The index holds keys: folded, then stemmed. */
(function (root, factory) { factory()(root.lunr) }(this, function () { return function (lunr) {
  var has = function (letters, letter) { return letters.indexOf(letter) >= 0 };

  function stemmer(RULES) {
    var VOWELS = RULES.vowels;
    var WORD = new RegExp("^[" + RULES.letters + "]+$");
    var AFTER = Object.keys(RULES.after).sort(function (a, b) { return b.length - a.length });
    var SLOTS = RULES.slots.map(function (slot) {
      return {
        endings: slot.endings.slice().sort(function (a, b) { return b.length - a.length }),
        minStem: slot.min_stem, repeat: slot.repeat || 1
      }
    });

    function harmony(text) {
      for (var i = text.length - 1; i >= 0; i--) {
        if (has(RULES.back, text[i])) return "back";
        if (has(RULES.front, text[i])) return "front";
      }
      return null;
    }

    function fits(stem, ending, minStem) {
      if (stem.length < minStem || !stem.split("").some(function (c) { return has(VOWELS, c) })) return false;
      var last = stem[stem.length - 1];
      if (has(VOWELS, ending[0])) {
        if (has(VOWELS, last) && last !== "у") return false;
      } else {
        var start = AFTER.find(function (key) { return ending.indexOf(key) === 0 });
        if (start !== undefined && !has(RULES.after[start], last)) return false;
      }
      if (ending in RULES.unless && new RegExp(RULES.unless[ending]).test(stem)) return false;
      var wanted = has(RULES.no_harmony, ending) ? null : harmony(ending);
      var found = harmony(stem);
      return wanted === null || found === null || found === wanted;
    }

    function strip(word, endings, minStem) {
      for (var i = 0; i < endings.length; i++) {
        var ending = endings[i];
        if (word.length > ending.length && word.slice(-ending.length) === ending) {
          var stem = word.slice(0, -ending.length);
          if (fits(stem, ending, minStem)) {
            var last = stem[stem.length - 1];
            if (has(VOWELS, ending[0]) && last in RULES.devoice &&
                !new RegExp(RULES.devoice_unless).test(stem)) {
              stem = stem.slice(0, -1) + RULES.devoice[last];
            }
            return stem;
          }
        }
      }
      return null;
    }

    function stem(word) {
      word = word.toLowerCase();
      if (has(RULES.stop_words, word) || !WORD.test(word)) return word;
      SLOTS.forEach(function (slot) {
        for (var n = 0; n < slot.repeat; n++) {
          var shorter = strip(word, slot.endings, slot.minStem);
          if (shorter === null) break;
          word = shorter;
        }
      });
      return word;
    }
    return stem;
  }

  var RULES = /* RULES */null;
  var stemFolded = stemmer(/* KEY_RULES */null);

  lunr.kk = function () {
    this.pipeline.reset();
    this.pipeline.add(lunr.kk.trimmer, lunr.kk.stopWordFilter, lunr.kk.stemmer);
    // Queries arrive as keys already (stemmed-search.js): keying a key again could strip more.
    if (this.searchPipeline) this.searchPipeline.reset();
  };
  lunr.kk.stem = stemmer(RULES);
  lunr.kk.key = function (word) { return stemFolded(lunr.fold.kk(word)) };
  // Kazakh and Russian Cyrillic, Latin names (2021 alphabet too), digits.
  lunr.kk.wordCharacters = "A-Za-z0-9\u00C0-\u024F\u0400-\u04FF";
  lunr.kk.trimmer = lunr.trimmerSupport.generateTrimmer(lunr.kk.wordCharacters);
  lunr.Pipeline.registerFunction(lunr.kk.trimmer, "trimmer-kk");
  lunr.kk.stopWordFilter = lunr.generateStopWordFilter(RULES.stop_words);
  lunr.Pipeline.registerFunction(lunr.kk.stopWordFilter, "stopWordFilter-kk");
  lunr.kk.stemmer = function (token) {
    return token.update(function (word) { return lunr.kk.key(word) });
  };
  lunr.Pipeline.registerFunction(lunr.kk.stemmer, "stemmer-kk");
}}));
