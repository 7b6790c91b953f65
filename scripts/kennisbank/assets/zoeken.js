/* Kennisbank search page (zoeken.html): Dutch full-text search with facets, from disk or a server.
 *
 * No fetch and no Web Worker: file:// forbids both. Data arrives as classic scripts that store
 * their content in self.kbZoekData (see scripts/kennisbank/search/codec.py):
 *   basis.js      labels, synonyms, the list of term files, followed by zoeken-start.js's code,
 *                 which starts loading the query's term files (loaded from the head)
 *   t-xx.js       the terms starting with "xx" and their postings, loaded per query word
 *   d-n.js        display records of a few initiatives, loaded for the results shown
 *   facetten.js   facet values of every initiative, loaded when a filter is set or the counts
 *                 must follow a query (right after the first results)
 * Words are analysed exactly like scripts/kennisbank/search/text.py, with lunr-languages' Dutch
 * stemmer and stop words (lunr.nl.js, as shipped with MkDocs); a test proves both sides agree.
 * Everything from the data is put on the page with textContent, never as HTML.
 *
 * Speed: this file (with lunr's files in front, see search/payload.py) loads async from the head,
 * after basis.js, which starts loading the query's term files at once (zoeken-start.js). The
 * search for the address's query runs as soon as basis.js is there, before the page's markup is
 * parsed; the results go on the page the moment the markup is there, before Material's bundle runs.
 */
(function () {
  "use strict";

  var DATA_URL = new URL("data/", document.currentScript.src).href;
  var PAGE = 10;
  var FACTOR_SYNONYM = 0.8;
  var FACTOR_PREFIX = 0.3;
  var FACTOR_SPLIT = 0.5;  /* a typed compound found as its parts: like a compound part in the index */
  var MIN_SPLIT = 7;  /* the index side's compound lengths (compounds.py) */
  var MIN_HEAD = 3;
  var MIN_TAIL = 4;
  var LINKS = ["en", "s", "e"];
  var MAX_SPLITS = 2;
  var SUGGEST_BELOW = 3;  /* fewer results than this: offer "Bedoelde u ...?" */
  var MULTI = ["thema", "status", "rol", "aanpak"];
  var SINGLE = ["provincie", "gemeente"];
  var FACETS = ["thema", "provincie", "gemeente", "status", "rol", "aanpak"];
  var store = (self.kbZoekData = self.kbZoekData || {});

  /* ---------- Text analysis: the same steps as text.py ---------- */

  var MARKS = /\p{Mn}/gu;
  var TOKEN = /[\p{L}\p{N}]{2,}/gu;
  var WORD = /[\p{L}\p{M}\p{N}]+/gu;
  var LETTER = /^\p{L}$/u;
  var VOWELS = "aeiouy";
  var MAX_TOKEN = 50;
  var termCache = new Map();

  function fold(text) {
    var lower = text.toLowerCase();
    return /^\p{ASCII}*$/u.test(lower) ? lower : lower.normalize("NFKD").replace(MARKS, "");
  }

  function tokens(text) {
    return (fold(text).match(TOKEN) || []).filter(function (t) { return t.length <= MAX_TOKEN || Array.from(t).length <= MAX_TOKEN; });
  }

  function isStopWord(token) {
    return lunr.nl.stopWordFilter(new lunr.Token(token)) === undefined;
  }

  function stem(word) {
    return lunr.nl.stemmer(new lunr.Token(word)).toString();
  }

  function singular(token) {
    var chars = Array.from(token);
    if (chars.length >= 5 && token.slice(-2) === "es" && chars[chars.length - 3] !== "s") {
      return token.slice(0, -1);
    }
    return token;
  }

  function tidy(stemmed) {
    var chars = Array.from(stemmed);
    if (chars.length < 3) return stemmed;
    var last = chars[chars.length - 1];
    if (last === chars[chars.length - 2] && VOWELS.indexOf(last) < 0 && LETTER.test(last)) chars.pop();
    last = chars[chars.length - 1];
    if (last === "v") chars[chars.length - 1] = "f";
    else if (last === "z") chars[chars.length - 1] = "s";
    return chars.join("");
  }

  /* Words the stemmer gets wrong (data/stamuitzonderingen.yml, in basis.js), also at the end of a
     compound; the same rule and lengths as text.exception_term. */
  var MIN_COMPOUND_EXCEPTION = 4;
  var MIN_EXCEPTION_HEAD = 3;
  var exceptions = null;

  function exceptionTerm(token) {
    if (!exceptions) exceptions = new Map(Object.entries((store.basis && store.basis.stammen) || {}));
    if (exceptions.has(token)) return exceptions.get(token);
    var chars = Array.from(token);
    for (var cut = MIN_EXCEPTION_HEAD; cut <= chars.length - MIN_COMPOUND_EXCEPTION; cut++) {
      var tail = chars.slice(cut).join("");
      if (exceptions.has(tail)) return chars.slice(0, cut).join("") + exceptions.get(tail);
    }
    return null;
  }

  function term(token) {
    if (!termCache.has(token)) termCache.set(token, isStopWord(token) ? null : exceptionTerm(token) || tidy(stem(singular(token))));
    return termCache.get(token);
  }

  function terms(text) {
    return tokens(text).map(term).filter(Boolean);
  }

  /* Which term file holds a value: its first three characters where basis.delen has that file
     (a large file is split, search/payload.py), else its first two (codec.shard_key). The rule is
     zoeken-start.js's, which comes with basis.js: every search waits for basis.js. */
  function shardKey(value) {
    return self.kbZoekDeel(value, shards);
  }

  /* ---------- Packed numbers (codec.py) ---------- */

  var DIGITS = new Int8Array(128).fill(-1);
  "0123456789abcdefghijklmnopqrstuv".split("").forEach(function (c, i) { DIGITS[c.charCodeAt(0)] = i; });
  "wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_".split("").forEach(function (c, i) { DIGITS[c.charCodeAt(0)] = 32 + i; });

  function readVarints(packed) {
    var values = [], current = 0;
    for (var i = 0; i < packed.length; i++) {
      var digit = DIGITS[packed.charCodeAt(i)];
      if (digit >= 32) current = current * 32 + digit - 32;
      else { values.push(current * 32 + digit); current = 0; }
    }
    return values;
  }

  /* ---------- Loading data files by script tag ---------- */

  var pending = {};
  var loaded = [];

  function load(name) {
    if (store[name]) return Promise.resolve(store[name]);
    if (!pending[name] && self.kbZoekLaad) {
      /* zoeken-start.js may have started this file already: one loader for both. */
      pending[name] = self.kbZoekLaad(name).then(function (value) { loaded.push(name); return value; });
    }
    var tag = document.querySelector('script[data-kb-zoekdata="' + name + '"]');
    if (!pending[name] && tag) {
      /* basis.js has its own tag in the head; async scripts end before the window's load event. */
      pending[name] = new Promise(function (resolve, reject) {
        function settle() {
          if (store[name]) { loaded.push(name); resolve(store[name]); }
          else reject(new Error("niet geladen: " + name));
        }
        tag.addEventListener("load", settle);
        tag.addEventListener("error", settle);
        window.addEventListener("load", settle);
      });
    }
    if (!pending[name]) {
      pending[name] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = DATA_URL + name + ".js";
        script.onload = function () {
          if (store[name]) { loaded.push(name); resolve(store[name]); }
          else reject(new Error("leeg: " + name));
        };
        script.onerror = function () { delete pending[name]; reject(new Error("niet geladen: " + name)); };
        document.head.appendChild(script);
      });
    }
    return pending[name];
  }

  var api = (window.kbZoeken = {
    text: { fold: fold, tokens: tokens, term: term, terms: terms, shardKey: shardKey, singular: singular, tidy: tidy, stem: stem, isStopWord: isStopWord,
      exceptionTerm: exceptionTerm, placeTerms: placeTerms, slugOf: slugOf },
    loaded: loaded, lastRender: null,
    /* For tests: the distance the page uses between two municipalities (their page names). */
    km: function (a, b) { return km(gemeenteBySlug(a), gemeenteBySlug(b)); },
  });
  /* ---------- The index ---------- */

  /* Set once basis.js is there (begin), and once the page's markup is (attach). */
  var basis = null, N = 0, shards = null, ui = null, notice = null, state = null, early = null;
  var decoded = new Map();
  var facets = null;

  function postings(name, value) {
    var key = name + "\u0000" + value;
    if (!decoded.has(key)) {
      var numbers = readVarints(store[name][value]);
      var docs = new Int32Array(numbers.length / 2), weights = new Uint16Array(numbers.length / 2), doc = 0;
      for (var i = 0; i < numbers.length; i += 2) { doc += numbers[i]; docs[i / 2] = doc; weights[i / 2] = numbers[i + 1]; }
      decoded.set(key, { docs: docs, weights: weights });
    }
    return decoded.get(key);
  }

  function lists(packed) {
    var values = readVarints(packed), starts = new Int32Array(N + 1), flat = [], at = 0;
    for (var doc = 0; doc < N; doc++) {
      starts[doc] = flat.length;
      var count = values[at++];
      for (var k = 0; k < count; k++) flat.push(values[at++]);
    }
    starts[N] = flat.length;
    return { starts: starts, values: Int32Array.from(flat) };
  }

  function provinceLists(gemeenten) {
    var starts = new Int32Array(N + 1), flat = [], national = basis.provincies.length - 1;
    for (var doc = 0; doc < N; doc++) {
      starts[doc] = flat.length;
      var seen = new Set();
      for (var k = gemeenten.starts[doc]; k < gemeenten.starts[doc + 1]; k++) seen.add(basis.gemeenten[gemeenten.values[k]][2]);
      if (!seen.size) seen.add(national);
      seen.forEach(function (p) { flat.push(p); });
    }
    starts[N] = flat.length;
    return { starts: starts, values: Int32Array.from(flat) };
  }

  function loadFacets() {
    if (facets) return Promise.resolve(facets);
    return load("facetten").then(function (raw) {
      if (!facets) {
        var gemeente = lists(raw.gemeente);
        facets = {
          status: readVarints(raw.status), rol: readVarints(raw.rol), start: readVarints(raw.start),
          gemeente: gemeente, thema: lists(raw.thema), provincie: provinceLists(gemeente), aanpak: lists(raw.aanpak),
        };
      }
      return facets;
    });
  }

  /* ---------- Query analysis and scoring ---------- */

  /* A look-up table's own entry for a typed key, else undefined. The tables come from JSON, so they
     are plain objects: without this, "constructor" or "__proto__" would find Object.prototype's. */
  function own(table, key) {
    return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
  }

  function analyse(query) {
    var groups = [], seen = new Set();
    tokens(query).forEach(function (token) {
      var exact = term(token);
      if (!exact || seen.has(exact)) return;
      seen.add(exact);
      var prefixes = [];
      if (Array.from(exact).length >= 4) prefixes.push(exact);
      if (Array.from(token).length >= 3 && token !== exact) prefixes.push(token);
      groups.push({ word: token, exact: exact, synonyms: own(basis.synoniemen, exact) || [], prefixes: prefixes });
    });
    return groups;
  }

  function shardNames(groups) {
    var names = new Set();
    groups.forEach(function (group) {
      [group.exact].concat(group.synonyms, group.prefixes).forEach(function (value) {
        var key = shardKey(value);
        if (shards.has(key)) names.add("t-" + key);
      });
    });
    return Array.from(names);
  }

  function candidates(group) {
    var found = new Map();
    function add(value, factor) {
      var name = "t-" + shardKey(value);
      if (store[name] && Object.prototype.hasOwnProperty.call(store[name], value) && !(found.has(value) && found.get(value).factor >= factor)) {
        found.set(value, { name: name, factor: factor });
      }
    }
    add(group.exact, 1);
    group.synonyms.forEach(function (value) { add(value, FACTOR_SYNONYM); });
    group.prefixes.forEach(function (prefix) {
      var shard = store["t-" + shardKey(prefix)];
      if (!shard) return;
      Object.keys(shard).forEach(function (value) { if (value.startsWith(prefix)) add(value, FACTOR_PREFIX); });
    });
    return found;
  }

  function indexed(value) {
    var name = "t-" + shardKey(value);
    return store[name] && Object.prototype.hasOwnProperty.call(store[name], value) ? name : null;
  }

  /* A typed compound the texts write apart ("buurtmoestuin" for "moestuin in de buurt"): cuts whose
     head is a term of the index, longest head first. The head's term file is the word's own; the
     tails' files may still have to be loaded, and a tail counts only if the index holds it. */
  function splitCandidates(group) {
    var chars = Array.from(group.word), found = [];
    if (chars.length < MIN_SPLIT) return found;
    for (var cut = chars.length - MIN_TAIL; cut >= MIN_HEAD && found.length < MAX_SPLITS; cut--) {
      var head = chars.slice(0, cut).join(""), tail = term(chars.slice(cut).join("")), heads = [head];
      LINKS.forEach(function (link) { if (head.endsWith(link) && cut - link.length >= MIN_HEAD) heads.push(head.slice(0, -link.length)); });
      var headTerm = heads.map(term).find(function (value) { return value && indexed(value); });
      if (headTerm && tail && tail !== group.exact) found.push({ head: headTerm, tail: tail });
    }
    return found;
  }

  function score(groups) {
    var totals = new Float64Array(N), hits = new Uint8Array(N), matched = new Set();
    function idf(df) { return Math.log(1 + (N - df + 0.5) / (df + 0.5)); }
    groups.forEach(function (group) {
      var best = new Float64Array(N), found = candidates(group), exact = found.get(group.exact);
      /* A synonym, prefix or compound is never rarer than the word typed: rare expansions must not
         outrank the word itself. */
      var ceiling = exact ? idf(postings(exact.name, group.exact).docs.length) : Infinity;
      found.forEach(function (info, value) {
        var list = postings(info.name, value), df = list.docs.length;
        if (!df) return;
        matched.add(value);
        var weight = info.factor * Math.min(idf(df), ceiling);
        for (var i = 0; i < df; i++) {
          var s = weight * list.weights[i], doc = list.docs[i];
          if (s > best[doc]) best[doc] = s;
        }
      });
      (group.splits || []).forEach(function (split) {
        var head = postings(indexed(split.head), split.head), tail = postings(indexed(split.tail), split.tail), part = new Float64Array(N);
        var headWeight = Math.min(idf(head.docs.length), ceiling), tailWeight = Math.min(idf(tail.docs.length), ceiling), i;
        for (i = 0; i < head.docs.length; i++) part[head.docs[i]] = headWeight * head.weights[i];
        for (i = 0; i < tail.docs.length; i++) {
          var doc = tail.docs[i];
          if (!part[doc]) continue;
          var s = FACTOR_SPLIT * (part[doc] + tailWeight * tail.weights[i]) / 2;
          if (s > best[doc]) best[doc] = s;
        }
        matched.add(split.head);
        matched.add(split.tail);
      });
      for (var doc = 0; doc < N; doc++) if (best[doc] > 0) { totals[doc] += best[doc]; hits[doc]++; }
    });
    var all = [], some = [];
    for (var doc = 0; doc < N; doc++) {
      if (hits[doc] === groups.length) all.push(doc);
      else if (hits[doc]) some.push(doc);
    }
    var partial = !all.length && some.length > 0;
    return { docs: partial ? some : all, scores: totals, matched: matched, partial: partial };
  }

  /* ---------- Filters and facet counts ---------- */

  function selection(state) {
    function positions(list, chosen) {
      var wanted = new Set(chosen), found = new Set();
      list.forEach(function (item, i) { if (wanted.has(item[0])) found.add(i); });
      return found;
    }
    return {
      thema: positions(basis.themas, state.thema),
      provincie: positions(basis.provincies, state.provincie ? [state.provincie] : []),
      gemeente: positions(basis.gemeenten, state.gemeente ? [state.gemeente] : []),
      status: positions(basis.statussen, state.status),
      rol: positions(basis.rollen, state.rol),
      aanpak: positions(basis.aanpakken, state.aanpak),
      van: state.van, tot: state.tot,
    };
  }

  function otherFilters(state) {
    return MULTI.some(function (n) { return state[n].length; }) || SINGLE.some(function (n) { return state[n]; }) ||
      state.van !== null || state.tot !== null;
  }

  function hasFilters(state) {
    return otherFilters(state) || !!state.bij || state.km !== null;
  }

  /* Calls back with each facet value of a document (positions in basis's lists). */
  function eachValue(name, doc, callback) {
    if (name === "status") return callback(facets.status[doc]);
    if (name === "rol") return facets.rol[doc] ? callback(facets.rol[doc] - 1) : undefined;
    var list = facets[name];
    for (var k = list.starts[doc]; k < list.starts[doc + 1]; k++) callback(list.values[k]);
  }

  function passes(name, doc, chosen) {
    if (name === "status") return chosen.has(facets.status[doc]);
    if (name === "rol") return facets.rol[doc] > 0 && chosen.has(facets.rol[doc] - 1);
    var list = facets[name];
    for (var k = list.starts[doc]; k < list.starts[doc + 1]; k++) if (chosen.has(list.values[k])) return true;
    return false;
  }

  /* Counts per facet follow the other facets' filters but not their own (so one can widen a choice). */
  function filterAndCount(docs, state, where) {
    var chosen = selection(state), first = basis.jaren[0], kept = [], counts = {};
    if (where.province !== null && !chosen.provincie.size) chosen.provincie = new Set([where.province]);  /* the query named it */
    var radius = where.radius;
    var active = FACETS.filter(function (name) { return chosen[name].size; });
    FACETS.forEach(function (name) { counts[name] = new Array(optionsOf(name).length).fill(0); });
    for (var i = 0; i < docs.length; i++) {
      /* start is 0 for an unknown year (which no year range can hold), else the year - first + 1 */
      var doc = docs[i], known = facets.start[doc] > 0, year = facets.start[doc] + first - 1;
      if ((chosen.van !== null || chosen.tot !== null) && !known) continue;
      if ((chosen.van !== null && year < chosen.van) || (chosen.tot !== null && year > chosen.tot)) continue;
      if (radius !== null && !(distanceOf(where, doc) <= radius)) continue;
      var failures = 0, failed = null;
      for (var a = 0; a < active.length && failures < 2; a++) {
        if (!passes(active[a], doc, chosen[active[a]])) { failures++; failed = active[a]; }
      }
      if (failures > 1) continue;
      if (!failures) kept.push(doc);
      for (var f = 0; f < FACETS.length; f++) {
        var name = FACETS[f], tally = counts[name];
        if (!failures || failed === name) eachValue(name, doc, function (v) { tally[v]++; });
      }
    }
    return { docs: kept, counts: counts };
  }

  function optionsOf(name) {
    return { thema: basis.themas, provincie: basis.provincies, gemeente: basis.gemeenten, status: basis.statussen, rol: basis.rollen,
             aanpak: basis.aanpakken }[name];
  }

  /* ---------- State in the URL ---------- */

  var $ = function (id) { return document.getElementById(id); };

  function findControls() {
    return {
    root: $("kb-zoeken"), form: $("kb-zoek-form"), q: $("kb-zoek-q"), count: $("kb-zoek-aantal"),
    list: $("kb-zoek-resultaten"), more: $("kb-zoek-meer"), empty: $("kb-zoek-leeg"), emptyWords: $("kb-zoek-leeg-woorden"),
    emptyFilters: $("kb-zoek-leeg-filters"), sort: $("kb-zoek-sorteer"), provincie: $("kb-zoek-provincie"),
    gemeente: $("kb-zoek-gemeente"), van: $("kb-zoek-van"), tot: $("kb-zoek-tot"), panel: $("kb-zoek-filterpaneel"),
    bij: $("kb-zoek-bij"), km: $("kb-zoek-km"),
    suggestion: $("kb-zoek-suggestie"), places: $("kb-zoek-plaatsen"), kinds: $("kb-zoek-soorten"), header: $("kb-header-q"),
    };
  }

  function year(value) {
    return /^\d{4}$/.test(value || "") ? Number(value) : null;
  }

  var MAX_KM = 400;  /* the country is about 300 km across */

  function distanceLimit(value) {
    return /^\d{1,3}$/.test(value || "") && Number(value) >= 1 && Number(value) <= MAX_KM ? Number(value) : null;
  }

  function fromUrl() {
    var params = new URLSearchParams(location.search), state = { q: params.get("q") || "" };
    MULTI.forEach(function (name) {
      var known = new Set(optionsOf(name).map(function (o) { return o[0]; }));
      state[name] = params.getAll(name).filter(function (v, i, all) { return known.has(v) && all.indexOf(v) === i; });
    });
    SINGLE.forEach(function (name) {
      var value = params.get(name) || "";
      state[name] = optionsOf(name).some(function (o) { return o[0] === value; }) ? value : "";
    });
    state.van = year(params.get("van"));
    state.tot = year(params.get("tot"));
    state.bij = gemeenteBySlug(params.get("bij") || "") >= 0 ? params.get("bij") : "";
    state.km = distanceLimit(params.get("km"));
    state.woord = params.get("woord") === "1";
    state.sorteer = params.get("sorteer") === "nieuw" ? "nieuw" : "relevantie";
    state.toon = PAGE;
    return state;
  }

  function toUrl(state, push) {
    var params = new URLSearchParams();
    if (state.q.trim()) params.set("q", state.q.trim());
    FACETS.forEach(function (name) {
      (MULTI.indexOf(name) >= 0 ? state[name] : state[name] ? [state[name]] : []).forEach(function (v) { params.append(name, v); });
    });
    if (state.van !== null) params.set("van", state.van);
    if (state.tot !== null) params.set("tot", state.tot);
    if (state.bij) params.set("bij", state.bij);
    if (state.km !== null) params.set("km", state.km);
    if (state.woord) params.set("woord", "1");
    if (state.sorteer !== "relevantie") params.set("sorteer", state.sorteer);
    var search = params.toString(), url = location.pathname + (search ? "?" + search : "");
    if (url === location.pathname + location.search) return;
    try {
      history[push ? "pushState" : "replaceState"](null, "", url);
    } catch {
      /* Some browsers refuse history entries for file:// pages; the search still works. */
    }
  }

  /* ---------- Controls ---------- */

  function checkboxes(name) {
    var box = $("kb-zoek-" + name);
    optionsOf(name).forEach(function (option) {
      var row = document.createElement("div"), input = document.createElement("input"), label = document.createElement("label");
      row.className = "kb-zoeken__keuze";
      input.type = "checkbox";
      input.name = name;
      input.value = option[0];
      input.id = "kb-zoek-" + name + "-" + option[0];
      label.htmlFor = input.id;
      label.appendChild(document.createTextNode(option[1] + " "));
      var count = document.createElement("span");
      count.className = "kb-zoeken__telling";
      label.appendChild(count);
      row.appendChild(input);
      row.appendChild(label);
      box.appendChild(row);
    });
  }

  /* "In de buurt van": every municipality, alphabetically (no counts: it measures, it does not filter by place). */
  function nearOptions() {
    var fresh = document.createDocumentFragment();
    allGemeenten().slice().sort(function (a, b) { return a[1].localeCompare(b[1], "nl"); }).forEach(function (g) {
      var option = document.createElement("option");
      option.value = g[0];
      option.textContent = g[1];
      fresh.appendChild(option);
    });
    ui.bij.appendChild(fresh);
    ui.km.max = MAX_KM;
  }

  function selectOptions(name) {
    /* Added one by one, hundreds of options make Chromium rebuild the list each time: added at once. */
    var fresh = document.createDocumentFragment();
    optionsOf(name).forEach(function (option) {
      var element = document.createElement("option");
      element.value = option[0];
      element.dataset.label = option[1];
      element.textContent = option[1];
      fresh.appendChild(element);
    });
    ui[name].appendChild(fresh);
  }

  function setText(node, value) {
    if (node.textContent !== value) node.textContent = value;  /* untouched nodes need no new layout */
  }

  function showCounts(counts) {
    ["thema", "status", "rol", "aanpak"].forEach(function (name) {
      optionsOf(name).forEach(function (option, i) {
        setText(document.getElementById("kb-zoek-" + name + "-" + option[0]).nextElementSibling.lastChild, counts ? "(" + counts[name][i] + ")" : "");
      });
    });
    SINGLE.forEach(function (name) {
      var select = ui[name], options = select.options;
      var texts = optionsOf(name).map(function (option, i) { return option[1] + (counts ? " (" + counts[name][i] + ")" : ""); });
      if (texts.every(function (text, i) { return options[i + 1].textContent === text; })) return;
      /* Renaming hundreds of options one by one makes Chromium rebuild the list each time: swap them at once. */
      var fresh = document.createDocumentFragment();
      Array.prototype.forEach.call(options, function (element, i) {
        var copy = element.cloneNode(false);
        copy.textContent = i ? texts[i - 1] : element.textContent;
        fresh.appendChild(copy);
      });
      var value = select.value;
      select.replaceChildren(fresh);
      select.value = value;
    });
  }

  /* Only the municipalities of the chosen province are offered. */
  function limitGemeenten(state) {
    var province = basis.provincies.findIndex(function (p) { return p[0] === state.provincie; });
    Array.prototype.forEach.call(ui.gemeente.options, function (element, i) {
      if (i) element.hidden = element.disabled = province >= 0 && basis.gemeenten[i - 1][2] !== province;
    });
  }

  function showState(state) {
    ui.q.value = state.q;
    if (ui.header) ui.header.value = state.q;
    MULTI.forEach(function (name) {
      document.querySelectorAll('input[name="' + name + '"]').forEach(function (input) { input.checked = state[name].indexOf(input.value) >= 0; });
    });
    ui.provincie.value = state.provincie;
    ui.gemeente.value = state.gemeente;
    ui.van.value = state.van === null ? "" : state.van;
    ui.tot.value = state.tot === null ? "" : state.tot;
    ui.bij.value = state.bij;
    ui.km.value = state.km === null ? "" : state.km;
    ui.sort.value = state.sorteer;
    limitGemeenten(state);
  }

  function readControls(state) {
    MULTI.forEach(function (name) {
      state[name] = Array.prototype.filter.call(document.querySelectorAll('input[name="' + name + '"]'), function (i) { return i.checked; })
        .map(function (i) { return i.value; });
    });
    state.provincie = ui.provincie.value;
    limitGemeenten(state);
    var gemeente = basis.gemeenten.findIndex(function (g) { return g[0] === ui.gemeente.value; });
    var province = basis.provincies.findIndex(function (p) { return p[0] === state.provincie; });
    if (gemeente >= 0 && province >= 0 && basis.gemeenten[gemeente][2] !== province) ui.gemeente.value = "";
    state.gemeente = ui.gemeente.value;
    state.van = year(ui.van.value);
    state.tot = year(ui.tot.value);
    state.bij = ui.bij.value;
    state.km = distanceLimit(ui.km.value);
    state.sorteer = ui.sort.value === "nieuw" ? "nieuw" : "relevantie";
  }

  /* ---------- Results ---------- */

  /* A word is marked when it is a matched term or a compound ending in one (buurtmoestuin). */
  function isMatch(value, matched) {
    if (matched.has(value)) return true;
    for (var m of matched) if (m.length >= 4 && value.length > m.length && (value.endsWith(m) || value.startsWith(m))) return true;
    return false;
  }

  function highlighted(parent, value, matched) {
    var last = 0, match;
    WORD.lastIndex = 0;
    while ((match = WORD.exec(value))) {
      if (!terms(match[0]).some(function (t) { return isMatch(t, matched); })) continue;
      parent.appendChild(document.createTextNode(value.slice(last, match.index)));
      var mark = document.createElement("mark");
      mark.textContent = match[0];
      parent.appendChild(mark);
      last = match.index + match[0].length;
    }
    parent.appendChild(document.createTextNode(value.slice(last)));
    return parent;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function record(doc) {
    return store["d-" + Math.floor(doc / basis.blok)][doc % basis.blok];
  }

  function resultItem(doc, matched, where) {
    var r = record(doc), item = element("li", "kb-zoeken__resultaat"), heading = element("h3", "kb-zoeken__titel");
    var link = element("a");
    link.href = "initiatieven/" + encodeURIComponent(r[0]) + ".html";
    heading.appendChild(highlighted(link, r[1], matched));
    item.appendChild(heading);
    item.appendChild(highlighted(element("p", "kb-zoeken__samenvatting"), r[2], matched));
    var places = r[3].length ? r[3].map(function (g) { return basis.gemeenten[g][1]; }).join(", ") : "Landelijk";
    var status = basis.statussen[r[5]];
    var distance = where.distances ? distanceOf(where, doc) : Infinity;
    item.appendChild(metaLine([
      element("span", "kb-zoeken__plaats", places + (distance > 0 && distance < Infinity ? " (" + distance + " km)" : "")),
      element("span", "kb-badge kb-badge--" + status[0], status[1]),
      element("span", "kb-zoeken__themas", r[4].map(function (t) { return basis.themas[t][1]; }).join(", ")),
    ]));
    return item;
  }

  // The parts joined by " · " as on the site's cards (pages/panel.card_meta): a reader, a screen
  // reader and a copy see separate facts, not "Rotterdam[Lopend]Openbare ruimte".
  function metaLine(parts) {
    var meta = element("p", "kb-card__meta");
    parts.forEach(function (part, index) {
      if (index) meta.appendChild(document.createTextNode(" · "));
      meta.appendChild(part);
    });
    return meta;
  }

  function plural(count) {
    return count === 1 ? "1 initiatief" : count + " initiatieven";
  }

  /* ' binnen 10 km van Zwolle', ', de dichtstbijzijnde bij Zwolle eerst', ' in Drenthe', or nothing. */
  function nearText(where, state) {
    if (where.centres.length) {
      var names = centreNames(where);
      var radius = where.radius !== null ? " binnen " + where.radius + " km van " + names : "";
      if (byDistance(where, state)) return radius ? radius + ", de dichtstbijzijnde eerst" : ", de dichtstbijzijnde bij " + names + " eerst";
      return radius;
    }
    return where.province !== null && !state.provincie ? " in " + basis.provincies[where.province][1] : "";
  }

  function summary(state, found, groups, where) {
    var words = groups.map(function (group) { return group.word; }).join(" "), filtered = otherFilters(state), near = nearText(where, state);
    var query = state.woord || !where.named.length ? state.q.trim() : words;  /* the words searched as words */
    if (!found.docs.length) return "Geen initiatieven gevonden" + near.replace(/, de dichtstbijzijnde.*$/, "") + ".";
    if (found.partial) return "Geen initiatief bevat al uw zoekwoorden. " + plural(found.docs.length) + " met een deel ervan" + near + ".";
    if (near) return plural(found.docs.length) + (groups.length ? " gevonden voor ‘" + query + "’" : "") + near + (filtered ? " met de gekozen filters" : "") + ".";
    var text = plural(found.docs.length) + " gevonden";
    if (!groups.length && !filtered) text = found.docs.length === 1 ? "1 initiatief." : "Alle " + found.docs.length + " initiatieven.";
    else text += (groups.length ? " voor ‘" + query + "’" : "") + (filtered ? " met de gekozen filters" : "") + ".";
    if (query && !groups.length) text += " (‘" + query + "’ is te algemeen om op te zoeken.)";
    return text;
  }

  /* The count is a live region; when a change leaves its text as it was, nothing would be read out.
     Then this second region says what changed (the active filters and the count); it stays empty
     otherwise, so a changed count is announced once. */
  var FILTER_NAMES = { thema: "thema", status: "status", rol: "rol van de overheid", provincie: "provincie", gemeente: "gemeente", aanpak: "aanpak" };

  function labelOf(name, value) {
    var option = optionsOf(name).find(function (o) { return o[0] === value; });
    return option ? option[1] : value;
  }

  function describeFilters(state) {
    var parts = [];
    FACETS.forEach(function (name) {
      var values = MULTI.indexOf(name) >= 0 ? state[name] : state[name] ? [state[name]] : [];
      if (values.length) parts.push(FILTER_NAMES[name] + " " + values.map(function (v) { return labelOf(name, v); }).join(", "));
    });
    if (state.van !== null) parts.push("vanaf " + state.van);
    if (state.tot !== null) parts.push("tot en met " + state.tot);
    if (state.bij) parts.push("in de buurt van " + allGemeenten()[gemeenteBySlug(state.bij)][1] + (state.km !== null ? ", binnen " + state.km + " km" : ""));
    return parts.length ? "Filters: " + parts.join("; ") + "." : "Geen filters.";
  }

  function addNotice() {
    notice = element("p", "kb-visually-hidden");
    notice.id = "kb-zoek-melding";
    notice.setAttribute("role", "status");
    notice.setAttribute("aria-live", "polite");
    notice.setAttribute("aria-atomic", "true");
    ui.count.parentNode.insertBefore(notice, ui.count.nextSibling);
  }

  function announceUnchanged(state, text) {
    notice.textContent = "";
    window.setTimeout(function () { notice.textContent = describeFilters(state) + " " + text; }, 50);
  }

  function showEmpty(state, show) {
    ui.empty.hidden = !show;
    if (!show) return;
    ui.emptyWords.textContent = state.q.trim() ? " voor ‘" + state.q.trim() + "’" + (hasFilters(state) ? " met de gekozen filters" : "") : hasFilters(state) ? " met de gekozen filters" : "";
    ui.emptyFilters.hidden = !hasFilters(state);
  }

  /* ---------- Running a search ---------- */

  var run = 0;
  var last = null;
  api.state = function () { return state; };

  /* Near a place, named in the query or chosen under "In de buurt", the nearest come first (then the best). */
  function byDistance(where, state) {
    return where.centres.length > 0 && state.sorteer === "relevantie";
  }

  function orderDocs(found, state, where) {
    var docs = found.docs.slice();
    if (byDistance(where, state)) {
      var distance = new Map();
      docs.forEach(function (doc) { distance.set(doc, distanceOf(where, doc)); });
      docs.sort(function (a, b) {
        return distance.get(a) - distance.get(b) || (found.scores ? found.scores[b] - found.scores[a] : 0) || a - b;
      });
    } else if (state.sorteer === "relevantie" && found.scores) {
      docs.sort(function (a, b) { return found.scores[b] - found.scores[a] || a - b; });
    }
    return docs;
  }

  function blocksFor(docs) {
    var names = new Set();
    docs.forEach(function (doc) { names.add("d-" + Math.floor(doc / basis.blok)); });
    return Array.from(names);
  }

  /* Everything but the rendering: term files, scoring, filters, the result blocks to show. It needs
     no markup, so the first search starts before the page is parsed. */
  function compute(current) {
    var began = performance.now(), typed = analyse(current.q), where = whereOf(current, typed), groups = where.words;
    var placed = where.centres.length > 0 || where.province !== null;
    var needs = shardNames(groups), withFacets = hasFilters(current) || placed || !!facets;
    var phases = {};
    return Promise.all(needs.map(load).concat(withFacets ? [loadFacets()] : [])).then(function () {
      groups.forEach(function (group) { group.splits = splitCandidates(group); });
      var tails = new Set();
      groups.forEach(function (group) {
        group.splits.forEach(function (split) { if (shards.has(shardKey(split.tail))) tails.add("t-" + shardKey(split.tail)); });
      });
      needs = needs.concat(Array.from(tails).filter(function (name) { return needs.indexOf(name) < 0; }));
      return Promise.all(Array.from(tails).map(load));
    }).then(function () {
      groups.forEach(function (group) { group.splits = group.splits.filter(function (split) { return indexed(split.tail); }); });
      phases.terms = performance.now();
      var found = groups.length ? score(groups) : { docs: Array.from({ length: N }, function (_, i) { return i; }), scores: null, matched: new Set(), partial: false };
      var counted = null;
      if (facets) {
        counted = filterAndCount(found.docs, current, where);
        found.docs = counted.docs;
      }
      var docs = orderDocs(found, current, where), shown = docs.slice(0, current.toon), blocks = blocksFor(shown);
      phases.scored = performance.now();
      return Promise.all(blocks.map(load)).then(function () {
        phases.blocks = performance.now();
        return { state: current, began: began, groups: groups, typed: typed, where: where, needs: needs, found: found, counted: counted,
          docs: docs, shown: shown, blocks: blocks, phases: phases };
      });
    });
  }

  /* prepared: compute(state) started earlier (the first search, begun before the markup was there). */
  function search(started, focusFrom, prepared) {
    var mine = ++run, current = state;
    ui.root.dataset.status = "bezig";
    ui.list.setAttribute("aria-busy", "true");
    return (prepared && prepared.state === current ? prepared.promise : compute(current)).then(function (done) {
      if (mine !== run) return;
      render(current, done, focusFrom);
      last = { state: current, found: done.found, groups: done.groups, where: done.where };
      /* For tests and the benchmark: timings, and the data files this result needed. */
      api.lastRender = { query: current.q, started: started, began: done.began, phases: done.phases, finished: performance.now(),
        files: done.needs.concat(done.blocks, hasFilters(current) ? ["facetten"] : []) };
      if (!facets) loadFacets().then(function () { afterPaint(function () { if (mine === run) recount(); }); });
    }).catch(function (error) {
      if (mine !== run) return;
      showLoadError();
      if (window.console) console.warn(error);
    });
  }

  function showLoadError() {
    ui.root.dataset.status = "fout";
    ui.list.removeAttribute("aria-busy");
    ui.count.textContent = "De zoekgegevens konden niet worden geladen. Probeer de pagina opnieuw te laden.";
  }

  function render(current, done, from) {
    var found = done.found, groups = done.groups, docs = done.docs, shown = done.shown, counted = done.counted, where = done.where;
    var fragment = document.createDocumentFragment();
    shown.slice(from || 0).forEach(function (doc) { fragment.appendChild(resultItem(doc, found.matched, where)); });
    if (from) ui.list.appendChild(fragment);
    else ui.list.replaceChildren(fragment);
    ui.more.hidden = docs.length <= shown.length;
    showEmpty(current, !docs.length);
    var text = summary(current, found, groups, where);
    if (ui.count.textContent !== text) {
      ui.count.textContent = text;
      notice.textContent = "";
    } else if (!from) {
      announceUnchanged(current, text);
    }
    showCounts(counted ? counted.counts : !done.typed.length && !hasFilters(current) ? basis.totalen : null);
    ui.list.removeAttribute("aria-busy");
    ui.root.dataset.status = "klaar";
    ui.root.dataset.zoekopdracht = current.q;
    if (ui.header && document.activeElement !== ui.header) ui.header.value = current.q;
    if (!from) {
      showPlaces(done.typed, where, current.q.trim());
      showOtherKinds(done.typed, current.q);
      offerSuggestion(groups, docs.length);
    }
    if (from && ui.list.children[from]) ui.list.children[from].querySelector("a").focus();
  }

  /* ---------- Place names: a query naming a municipality or province offers its page ---------- */

  /* Every name of every municipality (basis.gemeenten, those with initiatives, then basis.plaatsen,
     the rest) and province with its index terms, which basis.js brings ready-made
     (search/payload.py: analysing the names here cost about 30 ms before the first result):
     "terms of a name|terms of the next name", empty where the terms are the name's words.
     Read once, when a result first needs them; every later search only compares. */
  var placeList = null;

  function placeTerms(name, shipped) {
    return shipped === "-" ? "" : shipped || tokens(name).join(" ");
  }

  /* Every municipality: [page name, name, province, other names, analysed], positions 0.. as in basis.ligging. */
  var everyGemeente = null;  /* made once, in begin */

  function allGemeenten() {
    return everyGemeente;
  }

  function placeNames() {
    if (placeList) return placeList;
    placeList = [];
    function add(row, names, analysed, kind, folder, where) {
      var page = { label: kind + " " + row[1], name: row[1], href: folder + encodeURIComponent(row[0]) + ".html" };
      analysed.split("|").forEach(function (shipped, i) {
        var sequence = placeTerms(names[i], shipped), words = tokens(names[i]);
        if (sequence && words.length) placeList.push({ sequence: sequence, words: words, name: names[i], page: page, where: where });
      });
    }
    allGemeenten().forEach(function (g, i) { add(g, [g[1]].concat(g[3]), g[4], "gemeente", "gemeenten/", { gemeente: i }); });
    basis.provincies.forEach(function (p, i) { if (p[2]) add(p, [p[1]].concat(p[2]), p[3], "provincie", "provincies/", { provincie: i }); });
    return placeList;
  }

  /* The places a query names: the words of one of its names following each other in the query, as
     typed (not stemmed: "huis" is no Huizen, "hout" no Houten), longest name first, each word used
     once. `words` holds the query's words they took. */
  function placesIn(query) {
    var exact = tokens(query), used = new Set(), found = [];
    var candidates = placeNames().slice().sort(function (a, b) { return b.words.length - a.words.length; });
    candidates.forEach(function (place) {
      var n = place.words.length;
      for (var start = 0; start + n <= exact.length; start++) {
        var here = true;
        for (var k = 0; k < n && here; k++) here = exact[start + k] === place.words[k];
        if (!here) continue;
        var free = true;
        for (k = 0; k < n; k++) if (used.has(start + k)) free = false;
        /* One name may stand for more than one place ('Bergen', 'Utrecht'): each gets the same words. */
        var sameWords = found.some(function (other) { return other.start === start && other.length === n; });
        if (!free && !sameWords) continue;
        for (k = 0; k < n; k++) used.add(start + k);
        if (!found.some(function (other) { return other.page.href === place.page.href; })) {
          found.push({ page: place.page, where: place.where, start: start, length: n });
        }
      }
    });
    return { places: found, words: new Set(Array.from(used, function (i) { return exact[i]; })) };
  }

  /* ---------- Near a place: distances between label points, as pages/nearby.py ---------- */

  var EARTH_KM = 6371.0;

  function km(a, b) {
    var at = basis.ligging, rad = Math.PI / 180;
    var lat1 = at[2 * a] / 1e4 * rad, lat2 = at[2 * b] / 1e4 * rad;
    var dlat = lat2 - lat1, dlon = (at[2 * b + 1] - at[2 * a + 1]) / 1e4 * rad;
    var h = Math.pow(Math.sin(dlat / 2), 2) + Math.cos(lat1) * Math.cos(lat2) * Math.pow(Math.sin(dlon / 2), 2);
    return Math.round(2 * EARTH_KM * Math.asin(Math.sqrt(h)));
  }

  function gemeenteBySlug(slug) {
    return allGemeenten().findIndex(function (g) { return g[0] === slug; });
  }

  /* Where a search looks: the municipalities it measures from (chosen under "In de buurt van", else
     named in the query), a province the query named, the query's groups that named them (they are
     not searched as words, so "Den" never finds Den Haag), and the radius. A query of state.woord
     is all words. */
  function whereOf(current, groups) {
    var named = placesIn(current.q), asPlaces = current.woord ? [] : named.places;  /* woord: the pages are offered, no more */
    var chosen = current.bij ? gemeenteBySlug(current.bij) : -1;
    var centres = chosen >= 0 ? [chosen] : asPlaces.filter(function (p) { return p.where.gemeente !== undefined; }).map(function (p) { return p.where.gemeente; });
    var provinces = asPlaces.filter(function (p) { return p.where.provincie !== undefined; }).map(function (p) { return p.where.provincie; });
    /* "Utrecht" names the municipality and the province: measured from the city; the province's page is offered. */
    var province = !centres.length && provinces.length === 1 ? provinces[0] : null;
    var distances = null;
    if (centres.length) {
      distances = new Int32Array(basis.gemeenten.length);
      for (var g = 0; g < basis.gemeenten.length; g++) {
        distances[g] = Math.min.apply(null, centres.map(function (c) { return km(c, g); }));
      }
    }
    return {
      named: named.places, words: current.woord ? groups : groups.filter(function (group) { return !named.words.has(group.word); }), derived: chosen < 0 && centres.length > 0,
      centres: centres, province: province, distances: distances, radius: centres.length ? current.km : null,
    };
  }

  /* A document's distance to the nearest centre (Infinity for a national initiative). */
  function distanceOf(where, doc) {
    var list = facets.gemeente, best = Infinity;
    for (var k = list.starts[doc]; k < list.starts[doc + 1]; k++) best = Math.min(best, where.distances[list.values[k]]);
    return best;
  }

  function centreNames(where) {
    var names = where.centres.map(function (c) { return allGemeenten()[c][1]; });
    return names.length > 1 ? names.slice(0, -1).join(", ") + " of " + names[names.length - 1] : names[0];
  }

  function showPlaces(groups, where, query) {
    var found = where.named;
    ui.places.hidden = !found.length;
    if (!found.length) { ui.places.replaceChildren(); return; }
    var fragment = document.createDocumentFragment();
    fragment.appendChild(document.createTextNode(found.length === 1 ? "Bekijk ook de pagina van de " : "Bekijk ook de pagina's van de "));
    found.forEach(function (place, i) {
      if (i) fragment.appendChild(document.createTextNode(i === found.length - 1 ? " en de " : ", de "));
      var link = element("a", null, place.page.label);
      link.href = place.page.href;
      fragment.appendChild(link);
    });
    fragment.appendChild(document.createTextNode("."));
    if (!state.woord && (where.derived || where.province !== null)) {
      /* The query's place words are a place here, not words: a way back for 'buren' the word. */
      fragment.appendChild(document.createTextNode(" "));
      var asWords = element("a", "kb-zoeken__als-woord", "Zoek ‘" + query + "’ als gewone woorden");
      var params = new URLSearchParams(location.search);
      params.set("woord", "1");
      asWords.href = "?" + params.toString();
      fragment.appendChild(asWords);
    }
    ui.places.replaceChildren(fragment);
  }

  /* ---------- Organisations and approaches a query names, shown above the initiatives ---------- */

  /* soorten.js (search/other_kinds.py): [kind, page, name, summary, "terms of a name|..."]. An entry
     is shown when the terms of one of its names follow each other in the query, as a place is. */
  function otherKindsIn(rows, groups) {
    var words = " " + groups.map(function (group) { return group.exact; }).join(" ") + " ";
    return rows.filter(function (row) {
      return String(row[4]).split("|").some(function (sequence) { return sequence && sequence !== "-" && words.indexOf(" " + sequence + " ") >= 0; });
    });
  }

  /* `query` is written to data-soorten once the list is shown (or hidden): what a test waits for. */
  function showOtherKinds(groups, query) {
    var mine = run;
    if (!ui.kinds) return;
    function done() { if (mine === run) ui.root.dataset.soorten = query; }
    if (!groups.length) { ui.kinds.hidden = true; ui.kinds.replaceChildren(); done(); return; }
    load("soorten").then(function (rows) {
      if (mine !== run) return;
      var found = otherKindsIn(rows, groups);
      ui.kinds.hidden = !found.length;
      var fragment = document.createDocumentFragment();
      found.forEach(function (row) {
        var item = element("li", "kb-zoeken__soort");
        item.appendChild(element("span", "kb-zoeken__soortnaam", row[0] + ": "));
        var link = element("a", null, row[2]);
        link.href = row[1];
        item.appendChild(link);
        item.appendChild(element("span", "kb-zoeken__soortuitleg", " " + row[3]));
        fragment.appendChild(item);
      });
      ui.kinds.replaceChildren(fragment);
      done();
    }).catch(function () { ui.kinds.hidden = true; ui.kinds.replaceChildren(); done(); });
  }

  /* ---------- "Bedoelde u ...?" from the index's own words (woorden.js) ---------- */

  var vocabulary = null;

  function readVocabulary(raw) {
    if (!vocabulary) {
      var placeWords = new Map();
      placeNames().forEach(function (place) {
        var words = tokens(place.name);
        if (words.length === 1) placeWords.set(words[0], place.name);
      });
      vocabulary = { words: raw.woorden ? raw.woorden.split(" ") : [], df: readVarints(raw.df), places: placeWords };
    }
    return vocabulary;
  }

  /* Edit distance with transpositions (optimal string alignment), giving up beyond limit. */
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var before = null, previous = [], current;
    for (var j = 0; j <= b.length; j++) previous[j] = j;
    for (var i = 1; i <= a.length; i++) {
      current = [i];
      var lowest = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) current[j] = Math.min(current[j], before[j - 2] + 1);
        if (current[j] < lowest) lowest = current[j];
      }
      if (lowest > limit) return limit + 1;
      before = previous;
      previous = current;
    }
    return previous[b.length];
  }

  /* The closest word: smallest distance, then place names, then the most frequent. */
  function closest(word, words) {
    var limit = Array.from(word).length <= 4 ? 1 : 2, best = null;
    words.words.forEach(function (candidate, i) {
      if (candidate === word) return;
      var d = distance(word, candidate, limit);
      if (d > limit) return;
      var rank = [d, words.places.has(candidate) ? 0 : 1, -words.df[i]];
      if (!best || rank[0] < best.rank[0] || (rank[0] === best.rank[0] && (rank[1] < best.rank[1] || (rank[1] === best.rank[1] && rank[2] < best.rank[2])))) {
        best = { word: words.places.get(candidate) || candidate, rank: rank };
      }
    });
    return best && best.word;
  }

  function offerSuggestion(groups, count) {
    var mine = run, unknown = groups.filter(function (group) { return !indexed(group.exact) && !group.splits.length; });
    if (!unknown.length || count >= SUGGEST_BELOW) { ui.suggestion.replaceChildren(); return; }
    load("woorden").then(function (raw) {
      if (mine !== run) return;
      var words = readVocabulary(raw), corrected = false;
      var proposed = tokens(state.q).map(function (token) {
        var group = unknown.find(function (g) { return g.word === token; });
        var better = group && closest(token, words);
        if (better) corrected = true;
        return better || token;
      }).join(" ");
      if (!corrected) { ui.suggestion.replaceChildren(); return; }
      var link = element("a", null, proposed);
      link.href = "?q=" + encodeURIComponent(proposed);
      link.addEventListener("click", function (event) {
        event.preventDefault();
        clearTimeout(timer);
        state.q = ui.q.value = proposed;
        changed(true);
        ui.q.focus();
      });
      ui.suggestion.replaceChildren(document.createTextNode("Bedoelde u: "), link, document.createTextNode("?"));
    }).catch(function () { ui.suggestion.replaceChildren(); });
  }

  /* Runs work after the next frame is painted. Counting the facets renames hundreds of options
     (30 ms at 5,000 initiatives): done before that frame, it would hold back the first results. */
  function afterPaint(work) {
    if (!window.requestAnimationFrame) { setTimeout(work, 0); return; }
    requestAnimationFrame(function () { setTimeout(work, 0); });
  }

  /* facetten.js arrived after the first results: count the facets of the results on screen. */
  function recount() {
    if (!last || !facets) return;
    var counted = filterAndCount(last.found.docs, last.state, last.where);
    showCounts(counted.counts);
    ui.root.dataset.facetten = "klaar";
  }

  /* ---------- Events ---------- */

  var timer = null;  /* kept for the places that cancel a pending search; typing no longer waits */
  var typing = null, typedAgain = null;

  /* Each keystroke searches at once (the search itself takes a few tens of milliseconds even at
     10,000 initiatives); keystrokes that arrive while one runs are served by one search after it. */
  function searchTyped(started) {
    if (typing) {
      if (typedAgain === null) typedAgain = started;
      return;
    }
    if (state.q !== ui.q.value) state.woord = false;  /* "as words" was said of the query before */
    state.q = ui.q.value;
    state.toon = PAGE;
    typing = search(started).then(function () {
      typing = null;
      var next = typedAgain;
      typedAgain = null;
      if (next !== null && ui.q.value !== state.q) searchTyped(next);
      else toUrl(state, false);
    });
  }

  /* The address follows once the results are on screen: writing history can take a while, and the
     results should not wait for it. */
  function changed(push) {
    readControls(state);
    state.toon = PAGE;
    return search(performance.now()).then(function () { toUrl(state, push); });
  }

  function listen() {
    ui.q.addEventListener("input", function () { searchTyped(performance.now()); });

    ui.form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(timer);
      if (state.q !== ui.q.value) state.woord = false;
      state.q = ui.q.value;
      changed(true);
    });

    $("kb-zoek-filters").addEventListener("change", function (event) {
      if (event.target.matches("input, select")) changed(true);
    });
    ui.sort.addEventListener("change", function () { changed(true); });

    function clearFilters() {
      MULTI.forEach(function (name) { state[name] = []; });
      SINGLE.forEach(function (name) { state[name] = ""; });
      state.van = state.tot = state.km = null;
      state.bij = "";
      showState(state);
      changed(true);
      ui.q.focus();
  }

  $("kb-zoek-wis").addEventListener("click", clearFilters);
  $("kb-zoek-leeg-wis").addEventListener("click", clearFilters);

  ui.more.addEventListener("click", function () {
    var from = ui.list.children.length;
    state.toon += PAGE;
    search(performance.now(), from);
  });

  window.addEventListener("popstate", function () {
    clearTimeout(timer);
    state = fromUrl();
    showState(state);
    search(performance.now());
  });
  }

  /* ---------- Start ---------- */

  /* basis.js leaves out a municipality's page name where it is its name's words joined by "-". */
  function slugOf(shipped, name) {
    return shipped || tokens(name).join("-");
  }

  function begin(loadedBasis) {
    basis = loadedBasis;
    everyGemeente = basis.gemeenten.concat(basis.plaatsen);
    everyGemeente.forEach(function (g) { g[0] = slugOf(g[0], g[1]); });
    N = basis.aantal;
    shards = new Set(basis.delen);
    state = fromUrl();
    early = { state: state, promise: compute(state) };
    early.promise.catch(function () { /* reported by the search that uses it */ });
  }

  function attach() {
    ui = findControls();
    addNotice();
    listen();
    checkboxes("thema");
    checkboxes("status");
    checkboxes("rol");
    checkboxes("aanpak");
    /* No initiative names an approach (a new project): no empty group. */
    $("kb-zoek-aanpak").closest("fieldset").hidden = !basis.aanpakken.length;
    selectOptions("provincie");
    selectOptions("gemeente");
    nearOptions();
    [ui.van, ui.tot].forEach(function (input) { input.min = basis.jaren[0]; input.max = basis.jaren[1]; });
    if (window.matchMedia && window.matchMedia("(max-width: 59.9375em)").matches && !hasFilters(state)) ui.panel.open = false;
    showState(state);
    search(performance.now(), 0, early);
  }

  /* Resolves once the page's markup is parsed up to the results (or the document is complete). */
  function markupParsed() {
    return new Promise(function (resolve) {
      function there() { return document.getElementById("kb-zoek-meer") || document.readyState !== "loading"; }
      if (there()) { resolve(); return; }
      var observer = new MutationObserver(function () { if (there()) { observer.disconnect(); resolve(); } });
      observer.observe(document, { childList: true, subtree: true });
      document.addEventListener("DOMContentLoaded", function () { observer.disconnect(); resolve(); });
    });
  }

  var basisLoaded = load("basis");
  basisLoaded.then(function (loadedBasis) { if (loadedBasis.aantal !== undefined) begin(loadedBasis); }, function () {});
  markupParsed().then(function () {
    /* Without the page's markup (a test page) only the text functions are offered. */
    if (!document.getElementById("kb-zoeken")) return;
    basisLoaded.then(function () { if (basis) attach(); }, function () {
      ui = findControls();
      showLoadError();
    });
  });
})();
