/* Material's search worker, fed on demand from a sharded index, with the reader's words
 * folded and stemmed before Material sees them.
 *
 * Material lets a site use its own search worker (`search` in __config, set in
 * overrides/main.html); this one loads Material's worker, named in its own URL (?material=…),
 * and stands between it and the page:
 * - setup: the page sends Material's search_index.json, which holds no documents but its config
 *   names the index's shards (microsite/search.py);
 * - each query: its words become search keys with the index's own pipeline (Kazakh: folded
 *   spelling, then stemmed — «sailauga» → «саилау»; Russian: ё → е, then stemmed). The
 *   worker fetches the shards of the keys' first letters, picks the best pages (exact and
 *   stemmed keys first, longer words that start with the key next, one-letter typos of words
 *   of five letters or more last), fetches those pages' documents, and gives Material's
 *   worker just them; Material's lunr ranks and highlights as usual. The query Material runs
 *   is "key*^10 key~1": Material adds "*" (results while typing), lunr does not run its
 *   pipeline on wildcard words, hence the keys; the fuzzy clause weighs a tenth.
 * Everything is fetched from this site, below the page's language root. */
var PAGES = 20;            // pages handed to Material per query
var FUZZY_MIN = 5;         // one typo is forgiven in words of this many letters or more
var languages = [];
var setup = null;          // Material's setup message, without documents
var shards = null;         // {base, prefix, keys}
var cache = {};            // URL → promise of JSON
var loaded = "";           // the pages Material's worker holds now
var latest = 0;            // the newest query; older ones are dropped
var queue = Promise.resolve();
var site = new URL("../../../", location.href);   // this file is assets/javascripts/workers/
var post = self.postMessage.bind(self);
var swallowReady = null;

/* Material's worker answers a setup with "ready"; the page must hear it only for its own. */
self.postMessage = function (message) {
  if (message && message.type === 1 && swallowReady) {
    var done = swallowReady;
    swallowReady = null;
    done();
  } else {
    post(message);
  }
};

/* Material's worker imports lunr's language scripts on every setup; once is enough (a
 * second import re-registers their functions, and each setup here is one query). */
var imported = {};
var importOnce = self.importScripts.bind(self);
self.importScripts = function () {
  var urls = Array.prototype.filter.call(arguments, function (url) { return !imported[url] });
  urls.forEach(function (url) { imported[url] = true });
  if (urls.length) importOnce.apply(self, urls);
};

function key(word) {
  var token = new lunr.Token(word.toLowerCase());
  languages.forEach(function (lang) {
    var stemmer = lang === "en" ? lunr.stemmer : lunr[lang] && lunr[lang].stemmer;
    if (stemmer) token = stemmer(token) || token;
  });
  return token.toString();
}

function json(url) {
  if (!cache[url]) {
    cache[url] = fetch(new URL(url, site)).then(function (r) {
      if (!r.ok) throw new Error(url + ": " + r.status);
      return r.json();
    });
  }
  return cache[url];
}

function shardName(prefix) {
  return Array.from(prefix).map(function (c) { return c.codePointAt(0).toString(16) }).join("-");
}

/* At most one edit (insert, delete, substitute, swap neighbours) between a and b. */
function near(a, b) {
  if (Math.abs(a.length - b.length) > 1) return false;
  var i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  if (i === a.length && i === b.length) return true;
  var rest = function (x, y) { return a.slice(x) === b.slice(y) };
  return rest(i + 1, i + 1) || rest(i + 1, i) || rest(i, i + 1) ||
    (a[i] === b[i + 1] && a[i + 1] === b[i] && rest(i + 2, i + 2));
}

/* A key one edit from the query's; where keys are whole words (Russian), the start of one
 * («канидат», the stem of a mistyped «канидатами», and «кандидатами»). */
function typo(q, k) {
  if (!shards.words) return near(q, k);
  return [-1, 0, 1].some(function (d) { return near(q, k.slice(0, q.length + d)) });
}

/* The best pages for the query's words ({key, typos}), by the shards' weights. */
function choose(words) {
  var wanted = words.filter(function (w) {
    return w.key.length >= shards.prefix && shards.keys.indexOf(w.key.slice(0, shards.prefix)) >= 0;
  });
  return Promise.all(wanted.map(function (w) {
    return json(shards.base + "s/" + shardName(w.key.slice(0, shards.prefix)) + ".json");
  })).then(function (found) {
    var total = {};
    wanted.forEach(function (w, n) {
      var best = {}, q = w.key;
      Object.keys(found[n]).forEach(function (k) {
        var factor = k === q ? 1 : k.indexOf(q) === 0 ? 0.5 : w.typos && typo(q, k) ? 0.1 : 0;
        if (!factor) return;
        var postings = found[n][k];
        for (var i = 0; i < postings.length; i += 2) {
          var score = postings[i + 1] * factor;
          if (!(best[postings[i]] >= score)) best[postings[i]] = score;
        }
      });
      Object.keys(best).forEach(function (page) { total[page] = (total[page] || 0) + best[page] });
    });
    return Object.keys(total)
      .sort(function (a, b) { return total[b] - total[a] || a - b })
      .slice(0, PAGES);
  });
}

/* Hand Material's worker these pages' documents; resolves once it has indexed them. */
function load(pages) {
  var wanted = pages.slice().sort(function (a, b) { return a - b }).join(",");
  if (wanted === loaded) return Promise.resolve();
  return Promise.all(pages.map(function (n) { return json(shards.base + "p/" + n + ".json") }))
    .then(function (found) {
      var docs = [].concat.apply([], found);
      return new Promise(function (resolve) {
        swallowReady = resolve;
        loaded = wanted;
        deliver({ type: 0, data: Object.assign({}, setup, { docs: docs }) });
      });
    });
}

function deliver(message) {
  var event = new MessageEvent("message", { data: message });
  event.fromUs = true;
  dispatchEvent(event);
}

function answer(n, query) {
  if (n !== latest) return Promise.resolve();
  var keys = [];             // {key, typos}
  // Words only: field names ("title:") and lunr's operators stay as typed.
  // A hyphen between letters joins a name (Қасым-Жомарт): two words, as Material splits them,
  // and not lunr's "-" (leave out) before the second.
  var words = query.replace(/([\p{L}\p{N}])-(?=[\p{L}\p{N}])/gu, "$1 ");
  var rewritten = words.replace(/([+-]?)([\p{L}\p{N}]+)(\*?)(?![\p{L}\p{N}:])/gu, function (_, presence, word, star) {
    var k = key(word);
    // Typos in words of five letters or more that may be anywhere (no "+" or "-").
    var typos = !presence && Array.from(word).length >= FUZZY_MIN && Array.from(k).length > 2;
    keys.push({ key: k, typos: typos });
    // Material adds "*" to a word only when no "^" follows it: written here. lunr reads only
    // whole numbers after "^" ("^0.1" would leave a stray term "1").
    return typos ? k + "*^10 " + k + "~1" : presence + k + star;
  });
  return choose(keys).then(function (pages) {
    if (n !== latest) return;
    if (!pages.length) return post({ type: 3, data: { items: [] } });
    return load(pages).then(function () {
      if (n === latest) deliver({ type: 2, data: rewritten });
    });
  }).catch(function (error) {
    console.warn(error);
    if (n === latest) post({ type: 3, data: { items: [] } });
  });
}

addEventListener("message", function (event) {
  if (event.fromUs) return;
  var message = event.data;
  if (message.type === 0) {                       // setup: config and the shards' names
    languages = message.data.config.lang;
    shards = message.data.config.shards;
    setup = Object.assign({}, message.data, { docs: [] });
  } else if (message.type === 2 && typeof message.data === "string" && shards) {   // a query
    event.stopImmediatePropagation();
    var n = ++latest;
    var query = message.data;
    queue = queue.then(function () { return answer(n, query) });
  }
});

importScripts(new URL(location.href).searchParams.get("material"));
