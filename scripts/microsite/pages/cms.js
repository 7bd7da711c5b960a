// /admin/: starts Decap CMS with the configuration generated from the schemas (cms.py), in the
// interface language the editor chose (Kazakh by default), saving files in the project's form.
// Loaded before decap-cms.js: Decap waits for CMS.init (CMS_MANUAL_INIT).
"use strict";
window.CMS_MANUAL_INIT = true;

(function () {
  var LANGS = ["kk", "ru"];
  var KEY = "microsite-cms-lang";

  function chosenLanguage() {
    var asked = new URLSearchParams(location.search).get("lang");
    if (LANGS.indexOf(asked) >= 0) {
      localStorage.setItem(KEY, asked);
      return asked;
    }
    var kept = localStorage.getItem(KEY);
    return LANGS.indexOf(kept) >= 0 ? kept : "kk";
  }

  // -- the project's YAML: the schema line first, keys in the schema's order, every text in
  // double quotes (JSON's escapes are YAML's), empty values left out. Decap's own YAML writer
  // drops the schema line and writes YAML 1.2 plain scalars (`no`, `1_000`) that YAML 1.1 —
  // which the project reads — takes for booleans and numbers.
  function empty(value) {
    // false is every boolean's default in the schemas (awaiting_review): not written.
    if (value === null || value === undefined || value === "" || value === false) return true;
    if (Array.isArray(value)) return value.every(empty);
    if (typeof value === "object") return Object.keys(value).every(function (k) { return empty(value[k]); });
    return false;
  }

  function ordered(value, fields) {
    var names = (fields || []).map(function (f) { return f.name; });
    var keys = Object.keys(value).filter(function (k) { return !empty(value[k]); });
    return keys.sort(function (a, b) {
      var i = names.indexOf(a), j = names.indexOf(b);
      return (i < 0 ? 1e6 : i) - (j < 0 ? 1e6 : j);
    });
  }

  function subfields(fields, name) {
    var f = (fields || []).filter(function (x) { return x.name === name; })[0];
    return f ? (f.fields || []) : [];
  }

  function scalar(value) {
    if (typeof value === "boolean") return value ? "true" : "false";
    if (typeof value === "number") return JSON.stringify(String(value));
    return JSON.stringify(String(value));
  }

  function emit(value, fields, indent) {
    var out = "";
    ordered(value, fields).forEach(function (key) {
      var v = value[key], pad = " ".repeat(indent);
      if (Array.isArray(v)) {
        out += pad + key + ":\n";
        v.filter(function (x) { return !empty(x); }).forEach(function (item) {
          if (item !== null && typeof item === "object") {
            var inner = emit(item, subfields(fields, key), indent + 4);
            out += pad + "  - " + inner.slice(indent + 4);
          } else {
            out += pad + "  - " + scalar(item) + "\n";
          }
        });
      } else if (v !== null && typeof v === "object") {
        out += pad + key + ":\n" + emit(v, subfields(fields, key), indent + 2);
      } else {
        out += pad + key + ": " + scalar(v) + "\n";
      }
    });
    return out;
  }

  function parse(text) {
    // YAML 1.2's core schema: true/false/null/numbers only; dates stay text, as cms.py expects.
    var data = window.jsyaml.load(text, { schema: window.jsyaml.CORE_SCHEMA });
    return data && typeof data === "object" ? data : {};
  }

  var FRONT = /^---[ \t]*\r?\n([\s\S]*?\r?\n)?---[ \t]*(?:\r?\n|$)/;

  function registerFormats(settings) {
    settings.config.collections.forEach(function (c) {
      var fields = c.fields;
      if (c.extension === "md") {
        CMS.registerCustomFormat(c.format, "md", {
          fromFile: function (text) {
            var match = FRONT.exec(text);
            var data = match ? parse(match[1] || "") : {};
            data.body = (match ? text.slice(match[0].length) : text).replace(/^\s*\n/, "");
            return data;
          },
          toFile: function (data) {
            var meta = Object.assign({}, data);
            var body = String(meta.body || "").trim();
            delete meta.body;
            delete meta.id; // the file's name, not a field of the front matter
            return "---\n" + emit(meta, fields, 0) + "---\n\n" + body + "\n";
          },
        });
      } else {
        var line = settings.schema_lines[c.format.replace("microsite-", "")];
        CMS.registerCustomFormat(c.format, "yml", {
          fromFile: parse,
          toFile: function (data) { return line + "\n" + emit(data, fields, 0); },
        });
      }
    });
  }

  // -- before saving: what the schemas say but the form cannot, and adopted texts locked --------
  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_m, k) { return values[k]; });
  }

  async function bodyHash(body) {
    // lock.body_hash: line endings and trailing spaces aside.
    var lines = String(body || "").replace(/\r\n/g, "\n").split("\n").map(function (l) { return l.replace(/\s+$/, ""); });
    var bytes = new TextEncoder().encode(lines.join("\n").trim());
    var digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
    return "sha256:" + Array.from(digest).map(function (b) { return b.toString(16).padStart(2, "0"); }).join("");
  }

  function same(a, b) {
    var norm = function (v) { return v === undefined || v === null || (Array.isArray(v) && !v.length) ? "" : v; };
    return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
  }

  async function checkLocked(settings, slug, versions) {
    var lock = settings.locked[slug];
    if (!lock) return;
    for (var lang in lock.texts) {
      var data = versions[lang] || {}, was = lock.texts[lang];
      var changed = !same(data.title, was.title) || !same(data.place || "", was.place) ||
        (await bodyHash(data.body)) !== was.body ||
        Object.keys(lock.facts).some(function (k) { return !same(data[k], lock.facts[k]); });
      if (changed && (data.corrections || []).filter(function (c) { return !empty(c); }).length <= was.corrections) {
        throw new Error(format(settings.words.locked, { title: was.title }));
      }
    }
  }

  function checkTexts(settings, kind, data) {
    var fields = settings.config.collections.filter(function (c) { return c.format === "microsite-" + kind; })[0].fields;
    (settings.x.required_texts[kind] || []).forEach(function (name) {
      if (empty(data[name])) {
        var label = fields.filter(function (f) { return f.name === name; })[0].label;
        throw new Error(format(settings.words.empty_text, { field: label }));
      }
    });
  }

  function onPreSave(settings) {
    return async function (event) {
      var entry = event.entry;
      var collection = entry.get("collection");
      var kind = { coalitions: "coalition", members: "member", events: "event", statements: "statement" }[collection];
      var data = entry.get("data").toJS();
      if (kind !== "statement") {
        checkTexts(settings, kind, data);
        return;
      }
      var versions = { kk: data };
      var i18n = entry.get("i18n");
      if (i18n) {
        i18n.forEach(function (value, lang) { versions[lang] = value.get("data").toJS(); });
      }
      await checkLocked(settings, entry.get("slug"), versions);
    };
  }

  async function start() {
    var lang = chosenLanguage();
    document.documentElement.lang = lang;
    var settings = await fetch("settings." + lang + ".json").then(function (r) { return r.json(); });
    document.title = settings.words.title;
    if (settings.phrases) CMS.registerLocale(lang, settings.phrases);
    registerFormats(settings);
    CMS.registerEventListener({ name: "preSave", handler: onPreSave(settings) });
    CMS.init({ config: settings.config });
  }

  window.addEventListener("DOMContentLoaded", start);
})();
