/* Initiatief aanmelden: checks, live preview and the three ways out (GitHub, download, copy).
 *
 * Everything it knows comes from window.KB_AANMELDEN (assets/aanmelden-data.js, written at build
 * time from the schema, meldingen.json and the vocabularies). The checks follow `kennisbank check`
 * (schema.py, validate.py) with the same Dutch messages; the YAML rules follow
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
  var INTEGER = /^[-+]?(?:0|[1-9][0-9]*)$/;
  var DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

  // ---- text helpers: schema.say, schema.quote, places.fold and places.slugify --------------

  function say(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole;
    });
  }

  function quote(value) {
    if (typeof value === "string") return "'" + value + "'";
    if (value === null || value === undefined) return "(leeg)";
    return String(value);
  }

  function strip(text) {
    return text.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, "");
  }

  function length(text) {
    return Array.from(text).length; // code points, as Python's len()
  }

  function fold(text) {
    var bare = text.replace(/[\u2019\u2018`\u00b4\u02bc]/g, "'").toLowerCase().replace(/\u00df/g, "ss")
      .normalize("NFKD").replace(/[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g, "");
    return bare.split(/\s+/).filter(Boolean).join(" ");
  }

  function slugify(text) {
    return fold(text).replace(/[^\x00-\x7f]/g, "").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
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

  function lookup(name) {
    var key = fold(name);
    return Object.prototype.hasOwnProperty.call(byKey, key) ? byKey[key] : null;
  }

  function isNational(name) {
    return fold(name) === DATA.landelijk;
  }

  // ---- YAML, as kennisbank/form/entry.py writes it -----------------------------------------

  var PLAIN = /^[A-Za-z][A-Za-z0-9\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F .'()\/+-]*$/;
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
    if (typeof value === "number") return String(value);
    var text = String(value);
    if (PLAIN.test(text) && text === strip(text) && RESERVED.indexOf(text.toLowerCase()) < 0) return text;
    return quoted(text);
  }

  function yamlValue(value) {
    return Array.isArray(value) ? "[" + value.map(scalar).join(", ") + "]" : scalar(value);
  }

  function isEmpty(value) {
    return value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length);
  }

  function frontMatter(answers) {
    return Object.keys(PROPS).filter(function (key) {
      return Object.prototype.hasOwnProperty.call(answers, key) && !isEmpty(answers[key]);
    }).map(function (key) { return key + ": " + yamlValue(answers[key]); }).join("\n");
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
    var found = lookup(first);
    return found ? found.provincie : "";
  }

  function pathFor(answers) {
    var name = slugFor(String(answers.titel || "")) + ".md";
    var where = folderFor(answers.gemeente);
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
        found.push(isItem ? say(ALG.type_item_string, { waarde: quote(value) }) : say(ALG["type_" + arg], { waarde: quote(value) }));
      } else if (keyword === "minLength" && text && length(value) < arg) {
        found.push(lengthError(value, rule));
      } else if (keyword === "maxLength" && text && length(value) > arg) {
        found.push(lengthError(value, rule));
      } else if (keyword === "pattern" && text && !new RegExp(arg, "u").test(value)) {
        var template = (VELDEN[name] || {}).pattern || ALG.keuze;
        found.push(say(template, { waarde: quote(value), suggestie: "", keuzes: "" }));
      } else if (keyword === "enum" && arg.indexOf(value) < 0) {
        found.push(say(ALG.keuze, { waarde: quote(value), suggestie: "", keuzes: arg.join(", ") }));
      } else if (keyword === "minimum" && typeof value === "number" && value < arg) {
        found.push(say(ALG.minimum, { min: arg, waarde: quote(value) }));
      } else if ((keyword === "minItems" && list && value.length < arg) || (keyword === "maxItems" && list && value.length > arg)) {
        found.push(countError(value, rule));
      } else if (keyword === "uniqueItems" && arg && list && new Set(value.map(JSON.stringify)).size < value.length) {
        found.push(say(ALG.dubbel, { waarde: quote(firstDuplicate(value)) }));
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
    if (end !== undefined && (answers.status === "idee" || answers.status === "lopend")) {
      add("eindjaar", say(VELDEN.eindjaar.status, { waarde: answers.status }));
    }
  }

  function dateErrors(answers, add) {
    var value = answers.bijgewerkt;
    if (typeof value !== "string" || !DATE.test(value)) return;
    var parts = value.split("-").map(Number);
    var date = new Date(Date.UTC(parts[0], parts[1] - 1, parts[2]));
    var exists = parts[0] >= 1 && date.getUTCFullYear() === parts[0] && date.getUTCMonth() === parts[1] - 1 && date.getUTCDate() === parts[2];
    if (!exists) add("bijgewerkt", say(VELDEN.bijgewerkt.datum, { waarde: quote(value) }));
    else if (value > isoToday()) add("bijgewerkt", say(VELDEN.bijgewerkt.toekomst, { waarde: quote(value) }));
  }

  function gemeenteErrors(answers, add) {
    var value = answers.gemeente;
    var names = typeof value === "string" ? [value] : Array.isArray(value) ? value : [];
    // As validate.resolve_gemeenten: names beyond the schema's maximum are not looked up.
    names = names.slice(0, PROPS.gemeente.oneOf[1].maxItems).filter(function (name) { return typeof name === "string" && name.trim(); });
    if (names.some(isNational)) {
      if (names.length > 1) add("gemeente", VELDEN.gemeente.landelijk_lijst);
      return;
    }
    names.forEach(function (name) {
      if (!lookup(name)) add("gemeente", say(DATA.gemeenteOnbekend, { waarde: name.split(/\s+/).filter(Boolean).join(" ") }));
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
    dateErrors(answers, add);
    gemeenteErrors(answers, add);
    themaErrors(answers, add);
    return errors;
  }

  // ---- reading the form ---------------------------------------------------------------------

  function control(name) {
    return document.getElementById("kb-f-" + name);
  }

  function lines(text) {
    return text.split(/\r\n?|\n/).map(strip).filter(Boolean);
  }

  function gemeenteInputs() {
    return Array.prototype.slice.call(form.querySelectorAll("input.kb-gemeente"));
  }

  function gemeenteValue() {
    if (control("landelijk").checked) return DATA.landelijk;
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

  function fieldValue(name, rule) {
    if (rule["x-kind"] === "gemeente") return gemeenteValue();
    if (rule["x-kind"] === "thema") {
      return Array.prototype.slice.call(form.querySelectorAll('input[name="' + name + '"]:checked')).map(function (box) { return box.value; });
    }
    var element = control(name);
    if (!element) return undefined;
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

  function showField(name, messages) {
    var target = document.getElementById("kb-f-" + name + "-fout");
    if (!target) return;
    target.textContent = "";
    (messages || []).forEach(function (text) {
      var line = document.createElement("span");
      line.textContent = text;
      target.appendChild(line);
    });
    target.hidden = !messages;
    controlsOf(name).forEach(function (element) {
      if (messages) element.setAttribute("aria-invalid", "true");
      else element.removeAttribute("aria-invalid");
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
    box.hidden = !list.children.length;
    return !box.hidden;
  }

  function showErrors(errors) {
    Object.keys(PROPS).forEach(function (name) {
      showField(name, showAll || touched[name] ? errors[name] : undefined);
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
    var errors = validate(collect());
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

  var current = { text: "", path: "" };

  function githubUrl(path, text) {
    return DATA.nieuwBestand + "?filename=" + encodeURIComponent(path) + "&value=" + encodeURIComponent(text);
  }

  function update() {
    var answers = collect();
    current.text = fileText(answers, sections());
    current.path = pathFor(answers);
    document.getElementById("kb-voorbeeld").textContent = current.text;
    document.getElementById("kb-bestandsnaam").textContent = current.path;
    document.getElementById("kb-github").href = githubUrl(current.path, current.text);
    if (showAll || Object.keys(touched).length) {
      var errors = validate(answers);
      showErrors(errors);
      if (showAll) showSummary(errors);
    }
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
    var done = false;
    try { done = document.execCommand("copy"); } catch (error) { done = false; }
    area.remove();
    return done;
  }

  function copy() {
    if (!checkAll()) return;
    var text = current.text;
    var copied = function () { announce("De tekst van het bestand staat op het klembord."); };
    var failed = function () {
      if (copyFallback(text)) copied();
      else announce("Kopiëren lukte niet. Selecteer de tekst van het bestand en kopieer die zelf.");
    };
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(copied, failed);
    else failed();
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
      var remove = row.querySelector("button");
      if (remove) remove.textContent = "Verwijder gemeente " + number;
    });
  }

  function addGemeente() {
    var first = list.querySelector("li");
    var row = first.cloneNode(true);
    var input = row.querySelector("input");
    input.value = "";
    input.removeAttribute("aria-invalid");
    input.removeAttribute("required");
    var remove = document.createElement("button");
    remove.type = "button";
    remove.className = "md-button kb-small";
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

  function national() {
    var on = control("landelijk").checked;
    gemeenteInputs().forEach(function (input) { input.disabled = on; });
    addButton.disabled = on;
  }

  // ---- wiring -------------------------------------------------------------------------------

  function fieldOf(element) {
    var box = element.closest("[data-field]");
    return box ? box.getAttribute("data-field") : null;
  }

  var date = control("bijgewerkt");
  if (date && !date.value) date.value = isoToday();
  if (date) date.max = isoToday();

  form.addEventListener("input", update);
  form.addEventListener("change", function (event) {
    var name = fieldOf(event.target);
    if (name) touched[name] = true;
    if (event.target === control("landelijk")) national();
    update();
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    update();
    checkAll();
  });
  addButton.addEventListener("click", addGemeente);
  document.getElementById("kb-github").addEventListener("click", function (event) {
    update();
    if (!checkAll()) event.preventDefault();
  });
  document.getElementById("kb-download").addEventListener("click", function () { update(); download(); });
  document.getElementById("kb-kopieer").addEventListener("click", function () { update(); copy(); });

  national();
  update();

  // For tests and for anyone who wants to script the form.
  window.kbAanmelden = {
    collect: collect, validate: validate, fileText: fileText, pathFor: pathFor,
    slugFor: slugFor, scalar: scalar, githubUrl: githubUrl
  };
}());
