/* Material's search worker, with the reader's words stemmed before Material sees them.
 *
 * Material appends "*" to every query word (results while typing), and lunr.js does not run
 * its search pipeline, where the stemmer is, on wildcard words. The index holds stems, so
 * "выборов*" would never meet "выбор". Material lets a site use its own search worker
 * (`search` in __config, set in overrides/main.html); this one loads Material's worker,
 * named in its own URL (?material=…), and only rewrites the words of each query with the
 * stemmers of the index's languages, the ones lunr used to build the index:
 * "выборов" → "выбор" → Material searches "выбор*". */
var languages = [];

function stem(word) {
  var token = new lunr.Token(word.toLowerCase());
  languages.forEach(function (lang) {
    var stemmer = lang === "en" ? lunr.stemmer : lunr[lang] && lunr[lang].stemmer;
    if (stemmer) token = stemmer(token) || token;
  });
  return token.toString();
}

addEventListener("message", function (event) {
  var message = event.data;
  if (message.type === 0) {                       // setup: the index and its config
    languages = message.data.config.lang;
  } else if (message.type === 2 && typeof message.data === "string") {   // a query
    // Words only: field names ("title:") and lunr's operators stay as typed.
    message.data = message.data.replace(/[\p{L}\p{N}]+(?![\p{L}\p{N}:])/gu, stem);
  }
});

importScripts(new URL(location.href).searchParams.get("material"));
