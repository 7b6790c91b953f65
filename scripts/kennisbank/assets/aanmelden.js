/* Initiatief aanmelden: checks, live preview and the three ways out (GitHub, download, copy).
 * The same script serves 'Bijeenkomst aanmelden' (DATA.soort "bijeenkomst"): the meeting schema,
 * one municipality or online, and the rules of entries/meetings.py; and 'Organisatie aanmelden'
 * (DATA.soort "organisatie"): the organisation schema and the werkgebied rules of entries/areas.py.
 *
 * Everything it knows comes from window.KB_AANMELDEN (assets/aanmelden-data.js, written at build
 * time from the schema, meldingen.json and the vocabularies). The checks follow `kennisbank check`
 * (schema.py, validate.py, personal_data.py) with the same Dutch messages; the YAML rules follow
 * kennisbank/form/entry.py. Text typed by a visitor only ever reaches the page as textContent.
 */
(function () {
  "use strict";

  var DATA = window.KB_AANMELDEN;
  var form = document.getElementById("kb-aanmelden");
  if (!DATA || !form) return;

  var PROPS = DATA.schema.properties;
  var REQUIRED = DATA.schema.required;
  var ALG = DATA.meldingen.algemeen;
  var VELDEN = DATA.meldingen.velden;
  var WEBADRES = DATA.meldingen.webadres;
  var INTEGER = /^[-+]?(?:0|[1-9][0-9]*)$/;
  var DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

  // ---- text helpers: schema.say, schema.quote, places.fold and places.slugify --------------

  function say(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole;
    });
  }

  // schema.visible: invisible and control characters as escapes, long text cut after QUOTED_MAX characters.
  var QUOTED_MAX = 100;
  function visible(text) {
    var chars = Array.from(text);
    var shown = chars.length <= QUOTED_MAX ? chars : chars.slice(0, QUOTED_MAX).concat(["\u2026"]);
    return shown.map(function (char) {
      if (char === " " || !/^[\p{C}\p{Z}]$/u.test(char)) return char;
      if (char === "\n") return "\\n";
      var code = char.codePointAt(0);
      return code <= 0xffff ? "\\u" + hex(code, 4) : "\\U" + hex(code, 8);
    }).join("");
  }

  function quote(value) {
    if (typeof value === "string") return "'" + visible(value) + "'";
    if (value === null || value === undefined) return "(leeg)";
    return String(value);
  }

  // web_address.completed: "https://" + value when only the scheme is missing (www.groenehoek.nl).
  var SCHEME = "https://";
  function completed(value, pattern) {
    if (typeof value !== "string" || !value || value.indexOf("://") >= 0) return null;
    var rule = new RegExp(pattern, "u"), candidate = SCHEME + value;
    if (rule.test(value) || !rule.test(candidate)) return null;
    /* As web_address.completed: a host with a dot and a valid port; "javascript:alert(1)" has neither. */
    try {
      return new URL(candidate).hostname.indexOf(".") >= 0 ? candidate : null;
    } catch {
      return null;  /* no URL at all, e.g. a port that is no number */
    }
  }

  function strip(text) {
    return text.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, "");
  }

  function length(text) {
    return Array.from(text).length; // code points, as Python's len()
  }

  function fold(text) {
    var bare = text.replace(/[\u2019\u2018`\u00b4\u02bc]/g, "'").toLowerCase().replace(/\u00df/g, "ss")
      // eslint-disable-next-line no-misleading-character-class -- ranges of combining marks, written as escapes on purpose
      .normalize("NFKD").replace(/[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g, "");
    return bare.split(/\s+/).filter(Boolean).join(" ");
  }

  function slugify(text) {
    return fold(text).replace(/\P{ASCII}/gu, "").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  }

  function slugFor(titel) {
    return slugify(titel).slice(0, 60).replace(/^-+|-+$/g, "") || "nieuw-initiatief";
  }

  // ---- municipalities: every spelling the check accepts for a current municipality --------

  var byKey = {};
  DATA.gemeenten.forEach(function (g) {
    [g.naam, g.officieel, g.code, g.slug].concat(g.aliassen).forEach(function (name) {
      byKey[fold(name)] = g;
    });
  });

  var byCode = {};
  DATA.gemeenten.forEach(function (g) { byCode[g.code] = g; });

  function own(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  function lookup(name) {
    var key = fold(name);
    return own(byKey, key) ? byKey[key] : null;
  }

  // difflib.SequenceMatcher(None, a, b).ratio() for short strings (no autojunk below 200
  // characters): the total of the matching blocks, found longest-first as difflib does.
  function matched(a, b) {
    var b2j = {};
    b.forEach(function (char, j) { (b2j[char] = b2j[char] || []).push(j); });
    var total = 0, queue = [[0, a.length, 0, b.length]];
    while (queue.length) {
      var q = queue.pop(), alo = q[0], ahi = q[1], blo = q[2], bhi = q[3];
      var besti = alo, bestj = blo, best = 0, j2len = {};
      for (var i = alo; i < ahi; i++) {
        var next = {}, places = b2j[a[i]] || [];
        for (var n = 0; n < places.length; n++) {
          var j = places[n];
          if (j < blo) continue;
          if (j >= bhi) break;
          var k = next[j] = (j2len[j - 1] || 0) + 1;
          if (k > best) { besti = i - k + 1; bestj = j - k + 1; best = k; }
        }
        j2len = next;
      }
      if (best) {
        total += best;
        if (alo < besti && blo < bestj) queue.push([alo, besti, blo, bestj]);
        if (besti + best < ahi && bestj + best < bhi) queue.push([besti + best, ahi, bestj + best, bhi]);
      }
    }
    return total;
  }

  // places._suggest: difflib.get_close_matches(key, names, n=10, cutoff), best first (ties: the
  // larger string first, as heapq.nlargest orders tuples), then the first municipalities named.
  function suggest(key) {
    var word = Array.from(key), settings = DATA.gemeenteSuggesties, scored = [];
    Object.keys(settings.namen).forEach(function (name) {
      var chars = Array.from(name);
      var score = 2.0 * matched(chars, word) / (chars.length + word.length);
      if (score >= settings.drempel) scored.push([score, name]);
    });
    scored.sort(function (x, y) { return y[0] - x[0] || (x[1] < y[1] ? 1 : x[1] > y[1] ? -1 : 0); });
    var codes = [];
    scored.slice(0, 10).forEach(function (item) {
      settings.namen[item[1]].forEach(function (code) { if (codes.indexOf(code) < 0) codes.push(code); });
    });
    return codes.slice(0, settings.hooguit);
  }

  // schema.suggestion: difflib.get_close_matches(value, choices, n=2, cutoff=0.6) on folded case,
  // as "; bedoelde u 'x'?" (or "." when nothing is close).
  function suggestion(value, choices) {
    if (typeof value !== "string") return ALG.geen_suggestie;
    var word = Array.from(value.toLowerCase()), scored = [];
    choices.forEach(function (choice) {
      var chars = Array.from(choice.toLowerCase());
      var score = 2.0 * matched(chars, word) / (chars.length + word.length);
      if (score >= 0.6) scored.push([score, choice.toLowerCase(), choice]);
    });
    if (!scored.length) return ALG.geen_suggestie;
    scored.sort(function (x, y) { return y[0] - x[0] || (x[1] < y[1] ? 1 : x[1] > y[1] ? -1 : 0); });
    var named = scored.slice(0, 2).map(function (item) { return "'" + item[2] + "'"; }).join(" of ");
    return say(ALG.suggestie, { suggestie: named });
  }

  function shownName(name) {
    return name.split(/\s+/).filter(Boolean).join(" ");
  }

  // places.lookup_gemeente in the browser: { gemeente } for a current name; otherwise the check's
  // own verdict with its message ({ fout } or { waarschuwing }), the municipality a warning
  // resolves to, and the current municipalities worth offering on buttons (`keuzes`).
  function judge(name) {
    var found = lookup(name);
    if (found) return { gemeente: found, keuzes: [] };
    var key = fold(name), shown = shownName(name);
    if (own(DATA.gemeenteOordelen, key)) {
      var verdict = DATA.gemeenteOordelen[key], result = { keuzes: verdict.codes.map(function (c) { return byCode[c]; }) };
      if (verdict.fout) result.fout = say(verdict.fout, { waarde: shown });
      else result.waarschuwing = say(verdict.waarschuwing, { waarde: shown });
      if (verdict.code) result.gemeente = byCode[verdict.code];
      return result;
    }
    var offers = suggest(key).map(function (c) { return byCode[c]; });
    var text = offers.length
      ? say(DATA.gemeenteSuggesties.melding, { waarde: shown, keuzes: offers.map(function (g) { return "'" + g.naam + "'"; }).join(" of ") })
      : say(DATA.gemeenteOnbekend, { waarde: shown });
    return { fout: text, keuzes: offers };
  }

  function isNational(name) {
    return fold(name) === DATA.landelijk;
  }

  // ---- YAML, as kennisbank/form/entry.py writes it -----------------------------------------

  var PLAIN = /^[A-Za-z][A-Za-z0-9\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F .'()/+-]*$/;
  var RESERVED = ["y", "n", "yes", "no", "on", "off", "true", "false", "null"];
  var NAMED = { '"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t" };

  function needsEscape(code) {
    return code < 0x20 || (code >= 0x7f && code <= 0x9f) ||
      [0x2028, 0x2029, 0xfeff, 0xfffe, 0xffff].indexOf(code) >= 0;
  }

  function hex(code, digits) {
    var text = code.toString(16).toUpperCase();
    while (text.length < digits) text = "0" + text;
    return text;
  }

  function quoted(text) {
    var out = '"';
    Array.from(text).forEach(function (char) {
      var code = char.codePointAt(0);
      if (code >= 0xd800 && code <= 0xdfff) { char = "\ufffd"; code = 0xfffd; }
      if (Object.prototype.hasOwnProperty.call(NAMED, char)) out += NAMED[char];
      else if (needsEscape(code)) out += code < 0x100 ? "\\x" + hex(code, 2) : "\\u" + hex(code, 4);
      else out += char;
    });
    return out + '"';
  }

  function scalar(value) {
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    var text = String(value);
    if (PLAIN.test(text) && text === strip(text) && RESERVED.indexOf(text.toLowerCase()) < 0) return text;
    return quoted(text);
  }

  function yamlValue(value) {
    if (Array.isArray(value)) return "[" + value.map(yamlValue).join(", ") + "]";
    if (value !== null && typeof value === "object") {
      return "{" + Object.keys(value).map(function (key) { return scalar(key) + ": " + yamlValue(value[key]); }).join(", ") + "}";
    }
    return scalar(value);
  }

  function isEmpty(value) {
    return value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length);
  }

  function isObjectList(value) {
    return Array.isArray(value) && value.length > 0 && value.every(function (item) {
      return item !== null && typeof item === "object" && !Array.isArray(item);
    });
  }

  // A list of objects (the sources) in block style, as entry_file.object_lines writes it.
  function objectLines(value) {
    var lines = [];
    value.forEach(function (item) {
      Object.keys(item).filter(function (key) { return !isEmpty(item[key]); }).forEach(function (key, index) {
        lines.push((index === 0 ? "  - " : "    ") + key + ": " + scalar(item[key]));
      });
    });
    return lines;
  }

  function fieldText(key, value) {
    return isObjectList(value) ? [key + ":"].concat(objectLines(value)).join("\n") : key + ": " + yamlValue(value);
  }

  function frontMatter(answers) {
    return Object.keys(PROPS).filter(function (key) {
      return Object.prototype.hasOwnProperty.call(answers, key) && !isEmpty(answers[key]);
    }).map(function (key) { return fieldText(key, answers[key]); }).join("\n");
  }

  function body(sections) {
    var parts = [];
    DATA.secties.forEach(function (title) {
      var text = strip(String(sections[title] || "").replace(/\r\n?/g, "\n"));
      if (text) parts.push("## " + title + "\n\n" + text + "\n");
    });
    return parts.join("\n");
  }

  function fileText(answers, sections) {
    var text = "---\n" + frontMatter(answers) + "\n---\n";
    var written = body(sections || {});
    return written ? text + "\n" + written : text;
  }

  function folderFor(gemeente) {
    var first = Array.isArray(gemeente) ? gemeente[0] : gemeente;
    if (typeof first !== "string" || !strip(first)) return "";
    if (isNational(first)) return DATA.landelijk;
    var found = judge(first).gemeente;
    return found ? found.provincie : "";
  }

  function pathFor(answers) {
    var name = slugFor(String(answers.titel || "")) + ".md";
    var where = DATA.provincieMappen === false ? "" : folderFor(answers.gemeente);
    return DATA.map + "/" + (where ? where + "/" : "") + name;
  }

  // ---- the checks of `kennisbank check`, on the values the file will hold -----------------

  function lengthError(value, rule) {
    if (!value.trim()) return ALG.leeg;
    var low = rule.minLength, high = rule.maxLength;
    var template = low && high ? ALG.lengte : ALG[high ? "lengte_max" : "lengte_min"];
    return say(template, { min: low, max: high, lengte: length(value) });
  }

  function countError(value, rule) {
    var low = rule.minItems, high = rule.maxItems;
    var template = low && high ? ALG.aantal : ALG[high ? "aantal_max" : "aantal_min"];
    return say(template, { min: low, max: high, aantal: value.length });
  }

  function hasType(value, type) {
    if (type === "string") return typeof value === "string";
    if (type === "integer") return typeof value === "number" && Number.isInteger(value);
    if (type === "array") return Array.isArray(value);
    if (type === "object") return value !== null && typeof value === "object" && !Array.isArray(value);
    if (type === "boolean") return typeof value === "boolean";
    return true;
  }

  function firstDuplicate(items) {
    var seen = {};
    for (var i = 0; i < items.length; i++) {
      var key = JSON.stringify(items[i]);
      if (seen[key]) return items[i];
      seen[key] = true;
    }
    return items[0];
  }

  // One keyword at a time, in the schema's order, as jsonschema reports them.
  function ruleErrors(name, rule, value, isItem) {
    var found = [];
    Object.keys(rule).forEach(function (keyword) {
      var arg = rule[keyword];
      var text = typeof value === "string";
      var list = Array.isArray(value);
      if (keyword === "type" && !hasType(value, arg)) {
        found.push(isItem ? say(ALG.type_item_string, { waarde: quote(value) }) : say((VELDEN[name] || {}).type || ALG["type_" + arg], { waarde: quote(value) }));
      } else if (keyword === "minLength" && text && length(value) < arg) {
        found.push(lengthError(value, rule));
      } else if (keyword === "maxLength" && text && length(value) > arg) {
        found.push(lengthError(value, rule));
      } else if (keyword === "pattern" && text && !new RegExp(arg, "u").test(value)) {
        var template = (VELDEN[name] || {}).pattern || ALG.keuze;
        var proposal = completed(value, arg);
        found.push(proposal ? say(WEBADRES.zonder_schema, { waarde: quote(value), voorstel: quote(proposal) })
          : say(template, { waarde: quote(value), suggestie: "", keuzes: "" }));
      } else if (keyword === "enum" && arg.indexOf(value) < 0) {
        found.push(say(ALG.keuze, { waarde: quote(value), suggestie: suggestion(value, arg), keuzes: arg.join(", ") }));
      } else if (keyword === "minimum" && typeof value === "number" && value < arg) {
        found.push(say(ALG.minimum, { min: arg, waarde: quote(value) }));
      } else if ((keyword === "minItems" && list && value.length < arg) || (keyword === "maxItems" && list && value.length > arg)) {
        found.push(countError(value, rule));
      } else if (keyword === "uniqueItems" && arg && list && new Set(value.map(JSON.stringify)).size < value.length) {
        var duplicate = firstDuplicate(value);
        if (duplicate && typeof duplicate === "object" && own(duplicate, "url")) duplicate = duplicate.url; // a source is known by its address
        found.push(say(ALG.dubbel, { waarde: quote(duplicate) }));
      } else if (keyword === "items" && list && arg.type === "object") {
        value.forEach(function (item, index) { found = found.concat(itemErrors(name, arg, item, index)); });
      } else if (keyword === "items" && list) {
        value.forEach(function (item) { found = found.concat(ruleErrors(name, arg, item, true)); });
      } else if (keyword === "oneOf") {
        var passing = arg.filter(function (option) { return !ruleErrors(name, option, value, false).length; });
        var listed = arg.filter(function (option) { return option.type === "array"; })[0];
        var allText = list && value.every(function (v) { return typeof v === "string" && v; });
        if (passing.length !== 1 && listed && allText) {
          // As schema.property_errors: a list of texts fails for its length or repeats; say that.
          found = found.concat(ruleErrors(name, listed, value, false));
        } else if (passing.length !== 1) {
          var bad = list ? value.filter(function (v) { return typeof v !== "string" || !v; })[0] : value;
          found.push(list ? say(ALG.type_item_string, { waarde: quote(bad === undefined ? value[0] : bad) }) : say(ALG.type_string, { waarde: quote(value) }));
        }
      }
    });
    return found;
  }

  // Free text (no enum, pattern or format): visible characters, no control characters
  // (schema.text_errors); a message the schema rules already gave is not repeated.
  var TEKENS = DATA.schema["x-tekens"];
  var INVISIBLE = new RegExp("^" + TEKENS.onzichtbaar + "*$", "u");
  var CONTROL = new RegExp(TEKENS.stuurteken, "u");

  function isFreeText(rule) {
    if ("enum" in rule || "pattern" in rule || "format" in rule || rule["x-kind"] === "thema") return false;
    return rule.type === "string" || (rule.items && rule.items.type === "string") || "oneOf" in rule;
  }

  function textErrors(key, value, errors, add) {
    (Array.isArray(value) ? value : [value]).forEach(function (item) {
      if (typeof item !== "string") return;
      var control = item.match(CONTROL);
      var text = control ? say(ALG.stuurteken, { teken: "U+" + hex(control[0].codePointAt(0), 4) })
        : item && INVISIBLE.test(item) ? ALG.leeg : null;
      if (text && !(errors[key] && errors[key].indexOf(text) >= 0)) add(key, text);
    });
  }

  // schema.item_error_text: an error inside one object of a list, "bron 2, url: ...".
  function itemErrors(name, rule, item, index) {
    var prefix = say((VELDEN[name] || {}).onderdeel || "{nummer}", { nummer: index + 1 });
    if (item === null || typeof item !== "object" || Array.isArray(item)) {
      return [prefix + ": " + say((VELDEN[name] || {}).object || ALG.type_string, { waarde: quote(item) })];
    }
    var known = Object.keys(rule.properties || {});
    var found = [];
    // In the rule's own keyword order, as jsonschema reports them (schema.item_error_text).
    Object.keys(rule).forEach(function (keyword) {
      if (keyword === "additionalProperties" && rule.additionalProperties === false) {
        var extra = Object.keys(item).filter(function (key) { return known.indexOf(key) < 0; });
        if (extra.length) {
          found.push(prefix + ": " + say(ALG.onbekend_veld, { veld: extra[0], suggestie: suggestion(extra[0], known), keuzes: known.join(", ") }));
        }
      } else if (keyword === "required") {
        rule.required.forEach(function (key) {
          if (!own(item, key)) found.push(prefix + ", " + key + ": " + ALG.verplicht);
        });
      } else if (keyword === "properties") {
        known.forEach(function (key) {
          if (!own(item, key)) return;
          ruleErrors(name + "." + key, rule.properties[key], item[key], false).forEach(function (text) {
            found.push(prefix + ", " + key + ": " + text);
          });
        });
      }
    });
    return found;
  }

  function isoToday() {
    var now = new Date();
    return now.getFullYear() + "-" + ("0" + (now.getMonth() + 1)).slice(-2) + "-" + ("0" + now.getDate()).slice(-2);
  }

  function yearErrors(answers, add) {
    var next = new Date().getFullYear() + 1;
    ["startjaar", "eindjaar"].forEach(function (key) {
      var year = answers[key];
      if (typeof year === "number" && Number.isInteger(year) && year > next) {
        add(key, say(VELDEN[key].maximum, { max: next, waarde: year }));
      }
    });
    var start = answers.startjaar, end = answers.eindjaar;
    if (Number.isInteger(start) && Number.isInteger(end) && end < start) {
      add("eindjaar", say(VELDEN.eindjaar.voor_start, { waarde: end, jaar: start }));
    }
    if (own(answers, "startjaar_uiterlijk") && !own(answers, "startjaar")) {
      add("startjaar_uiterlijk", VELDEN.startjaar.uiterlijk_zonder_jaar);
    }
    if (end !== undefined && (answers.status === "idee" || answers.status === "lopend")) {
      add("eindjaar", say(VELDEN.eindjaar.status, { waarde: answers.status }));
    }
  }

  function realDate(value) {
    var parts = value.split("-").map(Number);
    var date = new Date(Date.UTC(parts[0], parts[1] - 1, parts[2]));
    return parts[0] >= 1 && date.getUTCFullYear() === parts[0] && date.getUTCMonth() === parts[1] - 1 && date.getUTCDate() === parts[2];
  }

  // validate.past_date: an existing date, not in the future.
  function pastDateError(value, texts) {
    if (typeof value !== "string" || !DATE.test(value)) return null;
    if (!realDate(value)) return say(texts.datum, { waarde: quote(value) });
    if (value > isoToday()) return say(texts.toekomst, { waarde: quote(value) });
    return null;
  }

  function dateErrors(answers, add) {
    var text = pastDateError(answers.bijgewerkt, VELDEN.bijgewerkt);
    if (text) add("bijgewerkt", text);
    (Array.isArray(answers.bronnen) ? answers.bronnen : []).forEach(function (source, index) {
      var problem = source && pastDateError(source.geraadpleegd, VELDEN["bronnen.geraadpleegd"]);
      if (problem) add("bronnen", say(VELDEN.bronnen.onderdeel, { nummer: index + 1 }) + ", geraadpleegd: " + problem);
    });
  }

  function gemeenteErrors(answers, add, warn) {
    if (!PROPS.gemeente) return; // a kind without a municipality (an organisation has a werkgebied)
    var value = answers.gemeente;
    var names = typeof value === "string" ? [value] : Array.isArray(value) ? value : [];
    // As validate.resolve_gemeenten: names beyond the schema's maximum are not looked up.
    names = names.slice(0, PROPS.gemeente.oneOf ? PROPS.gemeente.oneOf[1].maxItems : 1).filter(function (name) { return typeof name === "string" && name.trim(); });
    if (names.some(isNational)) {
      if (names.length > 1) add("gemeente", VELDEN.gemeente.landelijk_lijst);
      return;
    }
    names.forEach(function (name) {
      var verdict = judge(name);
      if (verdict.fout) add("gemeente", verdict.fout);
      else if (verdict.waarschuwing) warn("gemeente", verdict.waarschuwing);
    });
  }

  function themaErrors(answers, add) {
    var known = DATA.themas.map(function (t) { return t.slug; });
    (Array.isArray(answers.themas) ? answers.themas : []).forEach(function (slug) {
      if (typeof slug === "string" && known.indexOf(slug) < 0) {
        add("themas", say(VELDEN.themas.onbekend, { waarde: quote(slug), suggestie: "", keuzes: known.join(", ") }));
      }
    });
  }

  // ---- an organisation's werkgebied: the rules of entries/areas.py ------------------------

  function provinceOf(name) {
    var key = fold(name);
    return (DATA.provincies || []).filter(function (p) { return p[1].indexOf(key) >= 0; })[0] || null;
  }

  function werkgebiedErrors(answers, add) {
    var texts = VELDEN.werkgebied, value = answers.werkgebied;
    var names = (typeof value === "string" ? [value] : Array.isArray(value) ? value : []).filter(function (name) {
      return typeof name === "string" && name.trim();
    }).map(function (name) { return name.trim(); });
    if (names.some(function (name) { return name.toLowerCase() === "landelijk"; })) {
      if (names.length > 1) add("werkgebied", texts.landelijk_lijst);
      return;
    }
    names.forEach(function (name) {
      var lowered = name.toLowerCase();
      if (lowered.indexOf("provincie ") === 0) {
        if (!provinceOf(name.slice(10).trim())) {
          add("werkgebied", say(texts.geen_provincie, { waarde: quote(name), keuzes: DATA.provincies.map(function (p) { return p[0]; }).join(", ") }));
        }
        return;
      }
      var municipal = lowered.indexOf("gemeente ") === 0;
      var verdict = judge(municipal ? name.slice(9).trim() : name);
      var province = municipal ? null : provinceOf(name);
      if (province) {
        if (!verdict.fout) add("werkgebied", say(texts.dubbelzinnig, { waarde: quote(name), naam: province[0] }));
        return;
      }
      if (verdict.fout) add("werkgebied", verdict.fout);
    });
  }

  // ---- a meeting: the rules of entries/meetings.py ----------------------------------------

  var TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

  // meetings.real_date: the date if it exists (a bad form was reported by the schema rules).
  function meetingDate(answers, key, add) {
    var value = answers[key];
    if (typeof value !== "string" || !DATE.test(value)) return null;
    if (realDate(value)) return value;
    add(key, say(VELDEN[key].datum, { waarde: quote(value) }));
    return null;
  }

  function clock(value) {
    return typeof value === "string" && TIME.test(value) ? value : null;
  }

  // meetings.check_times: the end date after the day, then the end after the start.
  function timeErrors(answers, add) {
    var day = meetingDate(answers, "datum", add), last = meetingDate(answers, "einddatum", add);
    var begin = clock(answers.begintijd), finish = clock(answers.eindtijd);
    if (day && last && last <= day) {
      add("einddatum", say(VELDEN.einddatum.voor_datum, { waarde: quote(answers.einddatum), datum: answers.datum }));
      return;
    }
    if (!(day && begin && finish)) return;
    if ((last || day) + "T" + finish <= day + "T" + begin) {
      add("eindtijd", say(VELDEN.eindtijd.voor_begin, { waarde: quote(answers.eindtijd), begin: answers.begintijd }));
    }
  }

  // meetings.resolve_place (without a municipality the meeting must be online) and
  // meetings.check_initiatives (every related initiative exists).
  function meetingErrors(answers, add) {
    timeErrors(answers, add);
    var name = answers.gemeente;
    if ((typeof name !== "string" || !name.trim()) && answers.online !== true) add("gemeente", VELDEN.plaats.geen);
    (Array.isArray(answers.initiatieven) ? answers.initiatieven : []).forEach(function (slug) {
      if (typeof slug === "string" && DATA.initiatieven.indexOf(slug) < 0) {
        add("initiatieven", say(VELDEN.initiatieven.onbekend, { waarde: quote(slug), suggestie: suggestion(slug, DATA.initiatieven) }));
      }
    });
  }

  // The warnings of `kennisbank check` (a former municipality's name), which do not stop a file.
  function warnings(answers) {
    var found = {};
    gemeenteErrors(answers, function () {}, function (key, text) { (found[key] = found[key] || []).push(text); });
    return found;
  }

  function validate(answers) {
    var errors = {};
    function add(key, text) { (errors[key] = errors[key] || []).push(text); }
    REQUIRED.forEach(function (key) {
      if (isEmpty(answers[key])) add(key, ALG.verplicht);
    });
    Object.keys(PROPS).forEach(function (key) {
      if (!isEmpty(answers[key])) ruleErrors(key, PROPS[key], answers[key], false).forEach(function (t) { add(key, t); });
    });
    Object.keys(PROPS).forEach(function (key) {
      if (!isEmpty(answers[key]) && isFreeText(PROPS[key])) textErrors(key, answers[key], errors, add);
    });
    yearErrors(answers, add);
    if (DATA.soort === "bijeenkomst") meetingErrors(answers, add);
    if (DATA.soort === "organisatie") werkgebiedErrors(answers, add);
    dateErrors(answers, add);
    gemeenteErrors(answers, add, function () {});
    themaErrors(answers, add);
    return errors;
  }

  // ---- personal data, as kennisbank/personal_data.py finds it (same patterns and messages) ----

  var PRIVACY = DATA.privacy;
  var PRIV = DATA.meldingen.privacy;

  function consumerProvider(domain) {
    var lower = domain.toLowerCase();
    for (var i = 0; i < PRIVACY.domeinen.length; i++) {
      var listed = PRIVACY.domeinen[i];
      if (lower === listed || lower.slice(-(listed.length + 1)) === "." + listed) return listed;
    }
    return null;
  }

  function passesElevenTest(number) {
    var digits = number.replace(/[^0-9]/g, "").split("").map(Number);
    while (digits.length < 9) digits.unshift(0);
    if (digits.length !== 9 || digits.every(function (d) { return d === 0; })) return false;
    var total = -digits[8];
    for (var i = 0; i < 8; i++) total += (9 - i) * digits[i];
    return total % 11 === 0;
  }

  function eachMatch(source, flags, text, visit) {
    var pattern = new RegExp(source, flags);
    var match;
    while ((match = pattern.exec(text)) !== null) {
      visit(match);
      if (!match[0]) pattern.lastIndex++;
    }
  }

  // Every finding in one text, in order of appearance: {level: "fout" | "waarschuwing", text}.
  function privacyFindings(text) {
    var found = [];
    eachMatch(PRIVACY.email, "g", text, function (m) {
      var provider = consumerProvider(m[1]);
      if (provider) found.push({ offset: m.index, level: "waarschuwing", text: say(PRIV.email, { waarde: quote(m[0]), aanbieder: provider }) });
    });
    eachMatch(PRIVACY.mobiel, "g", text, function (m) {
      found.push({ offset: m.index, level: "waarschuwing", text: say(PRIV.mobiel, { waarde: quote(m[0]) }) });
    });
    eachMatch(PRIVACY.bsn, "gi", text, function (m) {
      var number = m[1] || m[2];
      if (passesElevenTest(number)) found.push({ offset: m.index, level: "fout", text: say(PRIV.bsn, { waarde: quote(number) }) });
    });
    return found.sort(function (a, b) { return a.offset - b.offset; });
  }

  // The texts of a value: a text, the texts of a list, and the texts inside list items that are objects.
  function textsOf(value) {
    var found = [];
    (Array.isArray(value) ? value : [value]).forEach(function (item) {
      if (typeof item === "string") found.push(item);
      else if (item && typeof item === "object") { // a source: its address and title are text too
        Object.keys(item).forEach(function (key) { if (typeof item[key] === "string") found.push(item[key]); });
      }
    });
    return found;
  }

  // {field or section key: [message]} of one level, for the answers and the story's sections.
  function privacyByField(answers, texts, level) {
    var found = {};
    function keep(key, text) {
      privacyFindings(text).forEach(function (f) {
        if (f.level === level) (found[key] = found[key] || []).push(f.text);
      });
    }
    Object.keys(PROPS).forEach(function (key) { textsOf(answers[key]).forEach(function (text) { keep(key, text); }); });
    DATA.secties.forEach(function (title, index) { keep(sectionKey(index), String(texts[title] || "")); });
    return found;
  }

  function sectionKey(index) {
    return "sectie-" + (index + 1);
  }

  function allErrors(answers, texts) {
    var errors = validate(answers);
    var found = privacyByField(answers, texts, "fout");
    Object.keys(found).forEach(function (key) { errors[key] = (errors[key] || []).concat(found[key]); });
    return errors;
  }

  // ---- reading the form ---------------------------------------------------------------------

  function control(name) {
    return document.getElementById("kb-f-" + name);
  }

  function lines(text) {
    return text.split(/\r\n?|\n/).map(strip).filter(Boolean);
  }

  // form_fields.kind_lines: "Label: tekst" lines to {soort, tekst} objects (the label may be the
  // stored value too, in any case; no colon: no kind; an unknown label is kept for the check to name).
  var KIND_LINES = "soort-regels";

  function kindLines(text, rule) {
    var properties = (rule.items || {}).properties || {};
    var keys = Object.keys(properties);
    var kind = keys.filter(function (key) { return properties[key].enum; })[0] || "";
    var textKey = keys.filter(function (key) { return key !== kind; })[0] || "";
    var sub = properties[kind] || {}, labels = sub["x-labels"] || {}, known = {};
    (sub.enum || []).forEach(function (value) { known[value.toLowerCase()] = value; });
    Object.keys(labels).forEach(function (value) { known[labels[value].toLowerCase()] = value; });
    var found = [];
    text.split(/\r\n?|\n/).forEach(function (line) {
      line = line.replace(/^[ \t]+|[ \t]+$/g, "");
      if (!line) return;
      var colon = line.indexOf(":");
      var item = {};
      if (colon < 0) {
        item[textKey] = line;
      } else {
        var typed = line.slice(0, colon).replace(/^[ \t]+|[ \t]+$/g, "");
        item[kind] = own(known, typed.toLowerCase()) ? known[typed.toLowerCase()] : typed;
        item[textKey] = line.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, "");
      }
      found.push(item);
    });
    return found;
  }

  function gemeenteInputs() {
    return Array.prototype.slice.call(form.querySelectorAll("input.kb-gemeente"));
  }

  // Checked "Landelijk" (the initiative form; the meeting form has no such box).
  function isNationwide() {
    var box = control("landelijk");
    return Boolean(box && box.checked);
  }

  function gemeenteValue() {
    if (isNationwide()) return DATA.landelijk;
    var seen = {}, names = [];
    gemeenteInputs().forEach(function (input) {
      var typed = strip(input.value);
      if (!typed) return;
      var found = lookup(typed);
      var name = found ? found.naam : typed;
      var key = found ? found.code : fold(typed);
      if (!seen[key]) { seen[key] = true; names.push(name); }
    });
    return names.length > 1 ? names : names[0];
  }

  // submission/source_lines.py: one typed line as a source {url, titel, geraadpleegd}.
  var SOURCE_EDGES = /^[ \t\-\u2013\u2014:|,;]+|[ \t\-\u2013\u2014:|,;]+$/g;

  function sourceOf(line) {
    var words = line.split(/[ \t]+/).filter(Boolean);
    if (!words.length) return null;
    var position = words.findIndex(function (word) { return /^https?:\/\//i.test(word); });
    var found = { url: words.splice(position < 0 ? 0 : position, 1)[0] };
    var consulted = words.length && DATE.test(words[words.length - 1]) ? words.pop() : null;
    var title = words.join(" ").replace(SOURCE_EDGES, "");
    if (title) found.titel = title;
    if (consulted) found.geraadpleegd = consulted;
    return found;
  }

  function fieldValue(name, rule) {
    if (rule["x-kind"] === "gemeente") return gemeenteValue();
    if (rule["x-kind"] === "werkgebied") return control(name) ? lines(control(name).value) : undefined; // one place per line
    if (rule["x-widget"] === "bronnen") {
      var area = control(name);
      return area ? lines(area.value).map(sourceOf).filter(Boolean) : undefined;
    }
    if (rule["x-kind"] === "thema") {
      return Array.prototype.slice.call(form.querySelectorAll('input[name="' + name + '"]:checked')).map(function (box) { return box.value; });
    }
    var element = control(name);
    if (!element) return undefined;
    if (rule.type === "boolean") return element.checked ? true : undefined;
    if (rule["x-widget"] === KIND_LINES) return kindLines(element.value, rule);
    var typed = rule.type === "array" ? lines(element.value) : strip(element.value);
    if (rule.type === "integer" && INTEGER.test(typed)) return Number(typed);
    return typed;
  }

  function collect() {
    var answers = {};
    Object.keys(PROPS).forEach(function (name) {
      var value = fieldValue(name, PROPS[name]);
      if (!isEmpty(value)) answers[name] = value;
    });
    return answers;
  }

  function sections() {
    var found = {};
    form.querySelectorAll("textarea[data-section]").forEach(function (area) {
      found[area.getAttribute("data-section")] = area.value;
    });
    return found;
  }

  // ---- showing errors -----------------------------------------------------------------------

  var touched = {};
  var showAll = false;

  function controlsOf(name) {
    var box = document.getElementById("kb-veld-" + name);
    return box ? Array.prototype.slice.call(box.querySelectorAll("input, select, textarea")) : [];
  }

  function fill(target, messages, prefix) {
    target.textContent = "";
    (messages || []).forEach(function (text) {
      var line = document.createElement("span");
      line.textContent = prefix + text;
      target.appendChild(line);
    });
    target.hidden = !messages;
  }

  function showField(name, messages) {
    var target = document.getElementById("kb-f-" + name + "-fout");
    if (!target) return;
    fill(target, messages, "");
    // "false" rather than no attribute: without it Chromium reports an empty required select as
    // invalid before anyone has touched it.
    controlsOf(name).forEach(function (element) {
      element.setAttribute("aria-invalid", messages ? "true" : "false");
    });
  }

  function showSummary(errors) {
    var box = document.getElementById("kb-foutenlijst");
    var list = document.getElementById("kb-foutenlijst-items");
    list.textContent = "";
    Object.keys(PROPS).forEach(function (name) {
      if (!errors[name]) return;
      var item = document.createElement("li");
      var link = document.createElement("a");
      var first = controlsOf(name)[0];
      link.href = "#" + (first ? first.id : "kb-veld-" + name);
      link.textContent = (PROPS[name].title || name) + ": " + errors[name].join(" ");
      item.appendChild(link);
      list.appendChild(item);
    });
    DATA.secties.forEach(function (title, index) {
      var key = sectionKey(index);
      if (!errors[key]) return;
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = "#kb-" + key;
      link.textContent = title + ": " + errors[key].join(" ");
      item.appendChild(link);
      list.appendChild(item);
    });
    box.hidden = !list.children.length;
    return !box.hidden;
  }

  function showErrors(errors) {
    Object.keys(PROPS).forEach(function (name) {
      showField(name, showAll || touched[name] ? errors[name] : undefined);
    });
    DATA.secties.forEach(function (title, index) {
      var key = sectionKey(index);
      var area = document.getElementById("kb-" + key);
      fill(document.getElementById("kb-" + key + "-fout"), errors[key], "");
      if (errors[key]) area.setAttribute("aria-invalid", "true");
      else area.removeAttribute("aria-invalid");
    });
  }

  // Warnings (personal data) show as soon as they are typed; they do not block.
  function showWarnings(warnings) {
    Object.keys(PROPS).forEach(function (name) {
      var target = document.getElementById("kb-f-" + name + "-let");
      if (target) fill(target, warnings[name], "Let op: ");
    });
    DATA.secties.forEach(function (title, index) {
      fill(document.getElementById("kb-" + sectionKey(index) + "-let"), warnings[sectionKey(index)], "Let op: ");
    });
  }

  var status = document.getElementById("kb-status");

  function announce(text) {
    // Cleared first so that the same sentence twice is still read out.
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  function count(errors) {
    return Object.keys(errors).reduce(function (sum, key) { return sum + errors[key].length; }, 0);
  }

  function checkAll() {
    showAll = true;
    var errors = allErrors(collect(), sections());
    showErrors(errors);
    var number = count(errors);
    if (showSummary(errors)) {
      var box = document.getElementById("kb-foutenlijst");
      box.focus();
      announce(number === 1 ? "Het formulier heeft 1 fout. Verbeter die eerst." : "Het formulier heeft " + number + " fouten. Verbeter die eerst.");
      return false;
    }
    announce("Alles is ingevuld zoals het hoort. Zet het bestand op GitHub, download het of kopieer het.");
    return true;
  }

  // ---- preview and the three ways out --------------------------------------------------------

  var current = { text: "", path: "", long: false };

  // GitHub refuses request URLs longer than its server limit with "414 URI Too Long" (GitHub Docs,
  // "About automation for issues and pull requests with query parameters", section "Errors";
  // the limit was 8,192 bytes when it was documented). The file goes in the URL only well below
  // that; a longer one goes by the clipboard to GitHub's new-file page, opened with the name only.
  var URL_LIMIT = 7000;

  function githubUrl(path, text) {
    return DATA.nieuwBestand + "?filename=" + encodeURIComponent(path) + "&value=" + encodeURIComponent(text);
  }

  // Where "Open op GitHub" goes: the whole file in the URL, or (too long) the name only.
  function githubRoute(path, text) {
    var full = githubUrl(path, text); // percent-encoded, so its length is its size in bytes
    if (full.length <= URL_LIMIT) return { href: full, long: false, length: full.length };
    return { href: DATA.nieuwBestand + "?filename=" + encodeURIComponent(path), long: true, length: full.length };
  }

  var LONG_NOTE = "Uw bestand is te lang om in één keer naar GitHub mee te sturen: GitHub weigert zulke lange " +
    "webadressen. Daarom zet Open op GitHub de tekst eerst op het klembord en opent GitHub daarna in een nieuw " +
    "tabblad een leeg bestand met de goede naam. Klik daar in het grote tekstvak, plak de tekst (Ctrl+V, op een " +
    "Mac Cmd+V) en kies onderaan Propose changes of Commit changes.";

  function longNote() {
    var note = document.getElementById("kb-github-lang");
    if (!note) {
      note = document.createElement("p");
      note.id = "kb-github-lang";
      note.className = "kb-melding";
      note.hidden = true;
      var buttons = document.getElementById("kb-github").parentNode;
      buttons.parentNode.insertBefore(note, buttons);
    }
    return note;
  }

  function showRoute(route) {
    var link = document.getElementById("kb-github");
    link.href = route.href;
    current.long = route.long;
    var note = longNote();
    if (route.long && note.hidden) note.textContent = LONG_NOTE;
    note.hidden = !route.long;
    if (route.long) link.setAttribute("aria-describedby", note.id);
    else link.removeAttribute("aria-describedby");
  }

  function writeClipboard(text, done, failed) {
    var fallback = function () { if (copyFallback(text)) done(); else failed(); };
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(done, fallback);
    else fallback();
  }

  // A long file: copy it, say what to do on GitHub, then open the new-file page in a new tab.
  function openLong(href) {
    var note = longNote();
    writeClipboard(current.text, function () {
      note.textContent = "De tekst van het bestand staat op het klembord. GitHub opent nu in een nieuw tabblad " +
        "een leeg bestand met de naam " + current.path + ". Klik daar in het grote tekstvak, plak de tekst " +
        "(Ctrl+V, op een Mac Cmd+V) en kies onderaan Propose changes of Commit changes.";
      announce(note.textContent);
      window.open(href, "_blank", "noopener");
    }, function () {
      note.textContent = "Het bestand is te lang voor een webadres naar GitHub, en kopiëren naar het klembord lukte niet. " +
        "Download het bestand of selecteer de tekst hierboven en kopieer die zelf; open daarna Open op GitHub opnieuw of stuur het bestand naar de redactie.";
      announce(note.textContent);
    });
  }

  function update() {
    var answers = collect();
    current.text = fileText(answers, sections());
    current.path = pathFor(answers);
    document.getElementById("kb-voorbeeld").textContent = current.text;
    document.getElementById("kb-bestandsnaam").textContent = current.path;
    showRoute(githubRoute(current.path, current.text));
    var texts = sections();
    showWarnings(privacyByField(answers, texts, "waarschuwing"));
    if (showAll || Object.keys(touched).length) {
      var errors = allErrors(answers, texts);
      showErrors(errors);
      if (showAll) showSummary(errors);
    }
    showChoices();
    if (DATA.bestaand) showLookAlikes();
  }

  function download() {
    if (!checkAll()) return;
    var blob = new Blob([current.text], { type: "text/markdown;charset=utf-8" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = current.path.split("/").pop();
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    announce("Het bestand " + link.download + " is gedownload.");
  }

  function copyFallback(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "kb-verborgen";
    document.body.appendChild(area);
    area.select();
    var done;
    try { done = document.execCommand("copy"); } catch { done = false; }
    area.remove();
    return done;
  }

  function copy() {
    if (!checkAll()) return;
    var text = current.text;
    writeClipboard(text, function () { announce("De tekst van het bestand staat op het klembord."); }, function () {
      announce("Kopiëren lukte niet. Selecteer de tekst van het bestand en kopieer die zelf.");
    });
  }

  // ---- municipalities: add, remove, national ------------------------------------------------

  var list = document.getElementById("kb-gemeente-lijst");
  var addButton = document.getElementById("kb-gemeente-erbij");

  function renumber() {
    Array.prototype.forEach.call(list.children, function (row, index) {
      var number = index + 1;
      var input = row.querySelector("input");
      var label = row.querySelector("label");
      input.id = "kb-f-gemeente-" + number;
      label.htmlFor = input.id;
      label.textContent = "Gemeente " + number;
      var remove = row.querySelector("button.kb-verwijder");
      if (remove) remove.textContent = "Verwijder gemeente " + number;
    });
  }

  function addGemeente() {
    var first = list.querySelector("li");
    var row = first.cloneNode(true);
    var input = row.querySelector("input");
    input.value = "";
    input.setAttribute("aria-invalid", "false");
    input.removeAttribute("required");
    var copiedHint = row.querySelector(".kb-keuze");
    if (copiedHint) copiedHint.remove();
    input.setAttribute("aria-describedby", ownDescription(input));
    var remove = document.createElement("button");
    remove.type = "button";
    remove.className = "md-button kb-small kb-verwijder";
    remove.addEventListener("click", function () {
      row.remove();
      renumber();
      update();
      addButton.focus();
    });
    row.appendChild(document.createTextNode(" "));
    row.appendChild(remove);
    list.appendChild(row);
    renumber();
    input.focus();
  }

  // ---- municipalities: the check's suggestion or current name, one click to take it -----------

  function ownDescription(input) {
    return (input.getAttribute("aria-describedby") || "").split(" ").filter(function (id) {
      return id && !/-keuze$/.test(id);
    }).join(" ");
  }

  function hintOf(input) {
    var hint = (input.closest("li") || input.parentNode).querySelector(".kb-keuze");
    if (!hint) {
      hint = document.createElement("div");
      hint.className = "kb-keuze";
      hint.hidden = true;
      input.insertAdjacentElement("afterend", hint); // next after the input, also by keyboard
    }
    return hint;
  }

  function take(input, gemeente) {
    input.value = gemeente.naam;
    touched.gemeente = true;
    update();
    input.focus();
    announce(document.querySelector('label[for="' + input.id + '"]').textContent + " is nu " + gemeente.naam + ".");
  }

  function hintText(verdict) {
    if (verdict.waarschuwing) return "Let op: " + verdict.waarschuwing + ".";
    return verdict.keuzes.length > 1 ? "Kies een van deze gemeenten:" : "Bedoelde u deze gemeente?";
  }

  // Shown while typing, not only after leaving the field: appearing on blur, the choices would
  // push the "Nog een gemeente toevoegen" button away from under a pointer that is clicking it.
  function showChoices() {
    gemeenteInputs().forEach(function (input) {
      var hint = hintOf(input);
      var typed = strip(input.value);
      var verdict = typed && !input.disabled && !isNational(typed) ? judge(typed) : { keuzes: [] };
      var offers = verdict.gemeente && !verdict.waarschuwing ? [] : verdict.keuzes;
      var shown = Boolean(verdict.waarschuwing || offers.length);
      hint.id = input.id + "-keuze";
      input.setAttribute("aria-describedby", ownDescription(input) + (shown ? " " + hint.id : ""));
      var state = JSON.stringify([input.id, verdict.waarschuwing || "", offers.map(function (g) { return g.code; })]);
      if (hint.getAttribute("data-staat") === state) return; // unchanged: keep the buttons (and focus)
      hint.setAttribute("data-staat", state);
      hint.textContent = "";
      hint.hidden = !shown;
      if (!shown) return;
      var text = document.createElement("p");
      text.className = "kb-keuze__tekst";
      text.textContent = hintText(verdict);
      hint.appendChild(text);
      offers.forEach(function (gemeente) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "md-button kb-small";
        button.textContent = "Kies " + gemeente.naam;
        button.addEventListener("click", function () { take(input, gemeente); });
        hint.appendChild(button);
      });
    });
  }

  function national() {
    if (!addButton) return; // one municipality only (a meeting)
    var on = isNationwide();
    gemeenteInputs().forEach(function (input) { input.disabled = on; });
    addButton.disabled = on;
  }

  // ---- a meeting's initiatives: pick one by name, its slug goes on a line of its own ---------

  function addInitiative() {
    var search = document.getElementById("kb-initiatief-zoek");
    var area = control("initiatieven");
    var typed = strip(search.value);
    var option = Array.prototype.slice.call(document.querySelectorAll("#kb-initiatief-keuzes option")).filter(function (o) {
      return o.value === typed || fold(o.textContent) === fold(typed);
    })[0];
    var slug = option ? option.value : typed;
    if (!slug) { search.focus(); return; }
    if (lines(area.value).indexOf(slug) < 0) area.value = lines(area.value).concat([slug]).join("\n");
    search.value = "";
    touched.initiatieven = true;
    update();
    search.focus();
    announce(option ? option.textContent + " is toegevoegd." : slug + " is toegevoegd.");
  }

  // ---- "Bestaat dit initiatief al?": kennisbank/entries/duplicates.py, step by step ----------

  // The initiative and organisation forms have it (the data says which entries, texts and place);
  // a meeting is never a duplicate of an initiative. An organisation has no place in the rule
  // (entries/kind_checks.py): its rows and the typed entry share the one place "".
  var BESTAAND = DATA.bestaand || { stopwoorden: [], items: [], landelijkeNamen: [] };
  var STOP = {};
  BESTAAND.stopwoorden.forEach(function (word) { STOP[word] = true; });
  var URL_PARTS = /^\s*(?:[A-Za-z][A-Za-z0-9+.-]*:)?\/\/([^/?#\s]+)([^#\s]*)/;

  function websiteKey(url) {
    var match = URL_PARTS.exec(url || "");
    if (!match) return null;
    var host = match[1].toLowerCase();
    if (host.indexOf("www.") === 0) host = host.slice(4);
    var rest = match[2], cut = rest.indexOf("?");
    var path = cut < 0 ? rest : rest.slice(0, cut), query = cut < 0 ? "" : rest.slice(cut + 1);
    return host + path.replace(/\/+$/, "") + (query ? "?" + query : "");
  }

  function wordsOf(text) {
    return slugify(text).split("-").filter(Boolean);
  }

  function withoutRun(words, name) {
    if (!name.length) return words;
    var kept = [], index = 0;
    while (index < words.length) {
      var same = name.every(function (word, k) { return words[index + k] === word; });
      if (same) index += name.length;
      else kept.push(words[index++]);
    }
    return kept;
  }

  function singular(word) {
    if (word.length > 4 && /en$/.test(word)) return word.slice(0, -2);
    if (word.length > 4 && /s$/.test(word)) return word.slice(0, -1);
    return word;
  }

  function placeNames(code) {
    if (code === DATA.landelijk) return BESTAAND.landelijkeNamen;
    var g = byCode[code];
    return g ? [g.naam, g.officieel].concat(g.aliassen) : [];
  }

  function titleWords(titel, names) {
    var words = wordsOf(titel);
    names.map(wordsOf).sort(function (a, b) { return b.length - a.length; }).forEach(function (name) {
      words = withoutRun(words, name);
    });
    return words.filter(function (word) {
      return !own(STOP, word) && (word.length > 1 || /^[0-9]+$/.test(word));
    }).map(singular);
  }

  function titleKeys(words) {
    if (!words.length) return [];
    var isNumber = function (word) { return /^[0-9]+$/.test(word); };
    var numbers = words.filter(isNumber).join(" ");
    var letters = words.filter(function (word) { return !isNumber(word); }).join("");
    var unique = words.filter(function (word, i) { return words.indexOf(word) === i; }).sort();
    var keys = ["set|" + unique.join(" "), "letters|" + numbers + "|" + letters];
    if (letters.length >= BESTAAND.vaagVanaf) {
      keys.push("fuzzy|" + numbers + "|" + letters);
      for (var i = 0; i < letters.length; i++) keys.push("fuzzy|" + numbers + "|" + letters.slice(0, i) + letters.slice(i + 1));
    }
    return keys;
  }

  function entryKeys(titel, codes) {
    var names = [];
    codes.forEach(function (code) { names = names.concat(placeNames(code)); });
    var keys = titleKeys(titleWords(titel, names)), found = [];
    codes.forEach(function (code) { keys.forEach(function (key) { found.push(code + "\u0000" + key); }); });
    return found;
  }

  var existingBySite = {}, existingByTitle = {};
  BESTAAND.items.forEach(function (row, index) {
    var site = websiteKey(row[3]);
    if (site) (existingBySite[site] = existingBySite[site] || []).push(index);
    entryKeys(row[0], row[2]).forEach(function (key) {
      (existingByTitle[key] = existingByTitle[key] || []).push(index);
    });
  });

  // [{titel, link, reden: "website" | "titel"}] for what has been typed so far.
  function lookAlikes(titel, codes, website) {
    var found = [], seen = {};
    function add(indexes, reason) {
      (indexes || []).forEach(function (index) {
        if (seen[index]) return;
        seen[index] = true;
        var row = BESTAAND.items[index];
        found.push({ titel: row[0], link: row[1], reden: reason });
      });
    }
    var site = websiteKey(website);
    if (site) add(own(existingBySite, site) ? existingBySite[site] : [], "website");
    entryKeys(titel || "", codes).forEach(function (key) { add(own(existingByTitle, key) ? existingByTitle[key] : [], "titel"); });
    return found;
  }

  function typedPlaces() {
    if (BESTAAND.zonderPlaats) return [""];
    if (isNationwide()) return [DATA.landelijk];
    var codes = [];
    gemeenteInputs().forEach(function (input) {
      var typed = strip(input.value);
      if (!typed) return;
      if (isNational(typed)) { codes.push(DATA.landelijk); return; }
      var verdict = judge(typed);
      if (verdict.gemeente && codes.indexOf(verdict.gemeente.code) < 0) codes.push(verdict.gemeente.code);
    });
    return codes;
  }

  function alikeBox() {
    var box = document.getElementById("kb-bestaat");
    if (!box) {
      box = document.createElement("div");
      box.id = "kb-bestaat";
      box.className = "kb-melding kb-bestaat";
      box.setAttribute("aria-live", "polite");
      var after = document.getElementById(BESTAAND.na);
      after.parentNode.insertBefore(box, after.nextSibling);
    }
    return box;
  }

  function showLookAlikes() {
    var website = control("website");
    var found = lookAlikes(strip(control("titel").value), typedPlaces(), website ? strip(website.value) : "");
    var box = alikeBox();
    var state = JSON.stringify(found);
    if (box.getAttribute("data-staat") === state) return;
    box.setAttribute("data-staat", state);
    box.textContent = "";
    box.hidden = !found.length;
    if (!found.length) return;
    var head = document.createElement("p");
    head.className = "kb-bestaat__kop";
    head.textContent = BESTAAND.kop;
    var text = document.createElement("p");
    text.textContent = BESTAAND.uitleg;
    var list = document.createElement("ul");
    found.forEach(function (item) {
      var line = document.createElement("li");
      var link = document.createElement("a");
      link.href = item.link;
      link.textContent = item.titel;
      line.appendChild(link);
      line.appendChild(document.createTextNode(item.reden === "website" ? " (zelfde website)" : BESTAAND.zelfdeTitel));
      list.appendChild(line);
    });
    box.appendChild(head);
    box.appendChild(text);
    box.appendChild(list);
  }

  // ---- web addresses typed without https:// ---------------------------------------------------

  // A web address (format uri, or contact) or a source line typed as www.groenehoek.nl is completed
  // to https://www.groenehoek.nl when the field is left, so the file carries the whole address;
  // a note under the field and the status line say so. The check only proposes it (it never
  // rewrites a file): web_address.completed, the same rule.
  var ADDED = "We hebben https:// toegevoegd.";

  // A source line's address is its first word with a scheme, else its first word (sourceOf).
  function completedLine(line, pattern) {
    var words = line.split(/[ \t]+/).filter(Boolean);
    if (!words.length || words.some(function (word) { return /^https?:\/\//i.test(word); })) return line;
    var proposal = completed(words[0], pattern);
    return proposal ? line.replace(words[0], function () { return proposal; }) : line;
  }

  function completedValue(name, typed) {
    var rule = PROPS[name];
    if (rule["x-widget"] === "bronnen") {
      var pattern = rule.items.properties.url.pattern;
      return typed.split(/(\r\n?|\n)/).map(function (line) { return completedLine(line, pattern); }).join("");
    }
    if (rule.format === "uri" || rule["x-render"] === "contact") return completed(strip(typed), rule.pattern) || typed;
    return typed;
  }

  function addedNote(element) {
    var note = document.getElementById(element.id + "-aangevuld");
    if (!note) {
      note = document.createElement("p");
      note.id = element.id + "-aangevuld";
      note.className = "kb-help";
      note.hidden = true;
      element.insertAdjacentElement("afterend", note);
    }
    return note;
  }

  // Complete one field's web addresses; true when something was added.
  function completeAddress(name) {
    var element = own(PROPS, name) ? control(name) : null;
    if (!element || element.tagName === "SELECT" || element.type === "checkbox") return false;
    var after = completedValue(name, element.value);
    if (after === element.value) return false;
    element.value = after;
    var note = addedNote(element);
    note.textContent = ADDED;
    note.hidden = false;
    announce((PROPS[name].title || name) + ": " + ADDED.charAt(0).toLowerCase() + ADDED.slice(1));
    return true;
  }

  function completeAddresses() {
    Object.keys(PROPS).forEach(completeAddress);
  }

  // ---- accessibility of the generated markup -----------------------------------------------

  // A required group of checkboxes (the themes) cannot carry aria-required; its legend says it.
  function markRequiredGroups() {
    form.querySelectorAll("fieldset[data-field]").forEach(function (box) {
      var name = box.getAttribute("data-field");
      if (REQUIRED.indexOf(name) < 0 || box.querySelector("[required]")) return;
      var legend = box.querySelector("legend");
      var note = document.createElement("span");
      note.className = "kb-visually-hidden";
      note.textContent = " (verplicht)";
      if (legend) legend.appendChild(note);
    });
  }

  // An error-summary link jumps to its control; the browser would scroll the control itself to the
  // top, under the sticky header, with its label and message out of sight. Show the whole field.
  function followSummaryLink(event) {
    var link = event.target.closest("a[href^='#']");
    if (!link) return;
    var control = document.getElementById(link.getAttribute("href").slice(1));
    var box = control && control.closest(".kb-field");
    if (!control || !box) return;
    event.preventDefault();
    box.scrollIntoView({ block: "start" });
    control.focus({ preventScroll: true });
  }

  // ---- wiring -------------------------------------------------------------------------------

  function fieldOf(element) {
    var box = element.closest("[data-field]");
    return box ? box.getAttribute("data-field") : null;
  }

  var date = control("bijgewerkt");
  if (date && !date.value) date.value = isoToday();
  if (date) date.max = isoToday();

  // Leaving a field by pressing a button (add a municipality, take a suggestion) fires "change"
  // between the button's pointerdown and pointerup. Messages that appeared right then would move
  // the button away from under the pointer and the click would be lost, so they wait until after it.
  var pointerDown = false, pending = false;
  document.addEventListener("pointerdown", function () { pointerDown = true; }, true);
  ["pointerup", "pointercancel"].forEach(function (type) {
    document.addEventListener(type, function () {
      pointerDown = false;
      if (pending) { pending = false; window.setTimeout(update, 0); }
    }, true);
  });

  /* "Meld een initiatief in <gemeente> aan" on a municipality page opens the form with ?gemeente=;
     the name is put in the first municipality field as if typed (and checked like it). */
  function prefillGemeente() {
    var wanted;
    try { wanted = new URLSearchParams(window.location.search).get("gemeente"); } catch { wanted = null; }
    var field = document.getElementById("kb-f-gemeente-1") || document.getElementById("kb-f-gemeente");
    if (wanted && field && !field.value) field.value = wanted.slice(0, 200);
  }

  form.addEventListener("input", function (event) {
    var note = event.target.id ? document.getElementById(event.target.id + "-aangevuld") : null;
    if (note) note.hidden = true; // typed again: the note was about the earlier value
    update();
  });
  form.addEventListener("change", function (event) {
    var name = fieldOf(event.target);
    if (name) touched[name] = true;
    if (name) completeAddress(name);
    if (event.target === control("landelijk")) national();
    if (pointerDown) pending = true;
    else update();
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    completeAddresses(); // Enter in a field submits before it is left
    update();
    checkAll();
  });
  if (addButton) addButton.addEventListener("click", addGemeente);
  var picker = document.getElementById("kb-initiatief-erbij");
  if (picker) {
    picker.addEventListener("click", addInitiative);
    // Enter in the search box adds the initiative rather than checking the whole form.
    document.getElementById("kb-initiatief-zoek").addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); addInitiative(); }
    });
  }
  document.getElementById("kb-github").addEventListener("click", function (event) {
    update();
    if (!checkAll()) { event.preventDefault(); return; }
    if (current.long) {
      event.preventDefault();
      openLong(this.href);
    }
  });
  document.getElementById("kb-download").addEventListener("click", function () { update(); download(); });
  document.getElementById("kb-kopieer").addEventListener("click", function () { update(); copy(); });

  document.getElementById("kb-foutenlijst").addEventListener("click", followSummaryLink);
  form.querySelectorAll("[data-field] input, [data-field] select, [data-field] textarea").forEach(function (element) {
    element.setAttribute("aria-invalid", "false");
  });
  markRequiredGroups();
  prefillGemeente();
  national();
  update();

  // For tests and for anyone who wants to script the form.
  window.kbAanmelden = {
    collect: collect, validate: validate, fileText: fileText, pathFor: pathFor, sourceOf: sourceOf,
    slugFor: slugFor, scalar: scalar, githubUrl: githubUrl, githubRoute: githubRoute, privacyFindings: privacyFindings,
    warnings: warnings, judge: judge, urlLimit: URL_LIMIT, lookAlikes: lookAlikes, websiteKey: websiteKey,
    titleWords: titleWords, kindLines: kindLines, completed: completed
  };
}());
