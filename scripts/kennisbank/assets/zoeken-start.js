/* Kennisbank search page: starts loading the search data from the head, before the page is parsed.
 *
 * search/payload.py appends this to basis.js, right after basis's data: loaded before the theme's
 * stylesheets (a plain script, so it runs the moment it arrives), it runs while they and Material's
 * bundle are still on their way, and loads the term files the query in the address will need, so that
 * zoeken.js (the code, async) finds them there and the first results need no extra round of
 * loading behind a busy main thread. It only guesses which files zoeken.js will ask for (the token's
 * first two letters, synonyms, compound tails: at once for a common head listed in basis.koppen,
 * else once the word's own file shows its heads); zoeken.js loads whatever is still missing.
 * Data files are classic scripts (file:// forbids fetch), loaded through self.kbZoekLaad, which
 * zoeken.js uses too, so no file is loaded twice.
 */
(function () {
  "use strict";

  var DATA_URL = new URL(".", document.currentScript.src).href;
  var store = (self.kbZoekData = self.kbZoekData || {});
  var pending = {};
  var MIN_HEAD = 3;  /* zoeken.js's compound split lengths */
  var MIN_TAIL = 4;
  var MIN_SPLIT = 7;
  var LINKS = ["en", "s", "e"];
  var MAX_HEADS = 2;

  function load(name) {
    if (!pending[name]) {
      pending[name] = new Promise(function (resolve, reject) {
        if (store[name]) { resolve(store[name]); return; }
        var script = document.createElement("script");
        script.src = DATA_URL + name + ".js";
        script.async = true;
        script.onload = function () {
          if (store[name]) resolve(store[name]);
          else reject(new Error("leeg: " + name));
        };
        script.onerror = function () { delete pending[name]; reject(new Error("niet geladen: " + name)); };
        document.head.appendChild(script);
      });
    }
    return pending[name];
  }
  self.kbZoekLaad = load;

  function ignore() { /* a guess that failed costs nothing: zoeken.js loads and reports for real */ }

  /* Which term file holds a value: three characters where basis.delen (shards) has that file, else
     two. zoeken.js uses it too (self.kbZoekDeel). */
  function shardKey(value, shards) {
    var chars = Array.from(value);
    function key(length) {
      var part = chars.slice(0, length);
      while (part.length < length) part.push("_");
      return part.map(function (c) { return /^[a-z0-9]$/.test(c) ? c : "_"; }).join("");
    }
    var longer = key(3);
    return shards.has(longer) ? longer : key(2);
  }
  self.kbZoekDeel = shardKey;

  var query = new URLSearchParams(location.search).get("q") || "";
  var words = query.toLowerCase().normalize("NFKD").replace(/\p{Mn}/gu, "").match(/[\p{L}\p{N}]{3,}/gu) || [];

  (function (basis) {
    if (!basis) return;
    var shards = new Set(basis.delen || []), stop = new Set((basis.stopwoorden || "").split(" "));
    function hint(value) {
      var key = shardKey(value, shards);
      if (!shards.has(key)) return null;
      var loading = load("t-" + key);
      loading.catch(ignore);
      return loading;
    }
    /* A long word may be a compound the texts write apart: the longest terms of the word's own file
       that start it are likely heads (buurtmoestuin: buurt + moestuin); load their tails' files. The
       stemmer may have cut a letter off the head (energie: energi), hence the cut one further. */
    function tails(word, terms) {
      var heads = Object.keys(terms).filter(function (head) {
        return head.length >= MIN_HEAD && word.length - head.length >= MIN_TAIL && word.startsWith(head);
      }).sort(function (a, b) { return b.length - a.length; }).slice(0, MAX_HEADS);
      heads.forEach(function (head) {
        [head.length, head.length + 1].forEach(function (cut) {
          var tail = word.slice(cut);
          if (tail.length < MIN_TAIL) return;
          hint(tail);
          LINKS.forEach(function (link) { if (tail.startsWith(link) && tail.length - link.length >= MIN_TAIL) hint(tail.slice(link.length)); });
        });
      });
    }
    /* Common heads (basis.koppen): their tails' files load at once, beside the word's own file. */
    var heads = {};
    (basis.koppen || "").split(" ").forEach(function (head) { if (head) heads[head] = true; });
    words.forEach(function (word) {
      if (stop.has(word)) return;
      var own = hint(word);
      /* Only the table's own entries: "constructor" is no synonym (the table is a plain object). */
      (Object.prototype.hasOwnProperty.call(basis.synoniemen, word) ? basis.synoniemen[word] : []).forEach(hint);
      if (word.length < MIN_SPLIT) return;
      tails(word, heads);
      if (own) own.then(function (terms) { tails(word, terms); }).catch(ignore);
    });
  })(store.basis);
})();
