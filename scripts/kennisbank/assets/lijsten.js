/* Kennisbank: sorting and filtering the initiatives of a theme's, municipality's or province's page
   (kennisbank.pages.sorting), a progressive enhancement. Without this script the page lists every
   initiative A-Z. With it, two selects order the cards ("Volgorde": A-Z, the most recently updated
   first, or by status in the schema's order) and show one status only ("Status", with counts); a
   status line says how many are shown. Each card's meta line carries data-status and
   data-bijgewerkt; the list's wrapper carries the status choices (data-sorteren). The choice is kept
   in the address (?sorteer=&status=), so a sorted list can be shared; this works from disk too. */
(function () {
  "use strict";

  var box = document.querySelector(".kb-cards[data-sorteren]");
  if (!box) return;
  var spec;
  try {
    spec = JSON.parse(box.getAttribute("data-sorteren"));
  } catch {
    return;
  }
  var list = box.querySelector(":scope > ul");
  if (!list || !spec.status) return;

  var cards = [];
  Array.prototype.forEach.call(list.children, function (item, index) {
    var meta = item.querySelector("[data-status]");
    if (meta) {
      cards.push({
        item: item,
        index: index, // the generator lists A-Z: this is the A-Z order
        status: meta.getAttribute("data-status"),
        bijgewerkt: meta.getAttribute("data-bijgewerkt") || "",
      });
    }
  });
  if (cards.length < 2) return;

  var statuses = spec.status.keuzes;
  var rank = {};
  statuses.forEach(function (choice, position) { rank[choice[0]] = position; });
  function rankOf(card) {
    return Object.prototype.hasOwnProperty.call(rank, card.status) ? rank[card.status] : statuses.length;
  }

  var SORTS = [
    { value: "a-z", label: "A-Z", said: "van A tot Z" },
    { value: "nieuwste", label: "Nieuwste eerst", said: "het laatst bijgewerkte eerst" },
    { value: "status", label: "Status", said: "geordend op status" },
  ];
  var COMPARE = {
    "a-z": function (a, b) { return a.index - b.index; },
    nieuwste: function (a, b) {
      if (a.bijgewerkt !== b.bijgewerkt) return a.bijgewerkt < b.bijgewerkt ? 1 : -1;
      return a.index - b.index;
    },
    status: function (a, b) { return rankOf(a) - rankOf(b) || a.index - b.index; },
  };
  var params = new URLSearchParams(window.location.search);

  function count(status) {
    return cards.filter(function (card) { return !status || card.status === status; }).length;
  }

  function option(value, text) {
    var element = document.createElement("option");
    element.value = value;
    element.textContent = text;
    return element;
  }

  function select(key, label, options, fallback) {
    var wrapper = document.createElement("div");
    wrapper.className = "kb-lijst-keuze";
    var caption = document.createElement("label");
    caption.htmlFor = "kb-lijst-" + key;
    caption.textContent = label;
    var control = document.createElement("select");
    control.id = "kb-lijst-" + key;
    control.name = key;
    options.forEach(function (element) { control.appendChild(element); });
    var wanted = params.get(key) || fallback;
    control.value = options.some(function (element) { return element.value === wanted; }) ? wanted : fallback;
    wrapper.appendChild(caption);
    wrapper.appendChild(control);
    return wrapper;
  }

  var form = document.createElement("form");
  form.className = "kb-lijst-filter";
  form.setAttribute("aria-label", "Initiatieven sorteren en filteren");
  form.appendChild(select("sorteer", "Volgorde", SORTS.map(function (sort) { return option(sort.value, sort.label); }), "a-z"));
  form.appendChild(select("status", spec.status.label, [option("", "Alle (" + cards.length + ")")].concat(
    statuses.map(function (choice) { return option(choice[0], choice[1] + " (" + count(choice[0]) + ")"); })), ""));
  var said = document.createElement("p");
  said.className = "kb-lijst-aantal";
  said.setAttribute("role", "status");
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  box.parentNode.insertBefore(form, box);
  box.parentNode.insertBefore(said, box);

  function labelOf(status) {
    var found = statuses.filter(function (choice) { return choice[0] === status; })[0];
    return found ? found[1] : status;
  }

  function words(number) {
    return number === 1 ? "initiatief" : "initiatieven";
  }

  function describe(sort, status, shown) {
    var order = SORTS.filter(function (s) { return s.value === sort; })[0].said;
    if (!status) return cards.length + " " + words(cards.length) + " getoond, " + order + ".";
    if (!shown) {
      return "Geen initiatief met status " + labelOf(status) + ". Kies bij " + spec.status.label + " ‘Alle’ om alle " +
        cards.length + " " + words(cards.length) + " te zien.";
    }
    return shown + " van de " + cards.length + " initiatieven getoond (status " + labelOf(status) + "), " + order + ".";
  }

  function remember(sort, status) {
    var query = new URLSearchParams(window.location.search);
    if (sort !== "a-z") query.set("sorteer", sort); else query.delete("sorteer");
    if (status) query.set("status", status); else query.delete("status");
    var text = query.toString();
    try {
      window.history.replaceState(null, "", window.location.pathname + (text ? "?" + text : "") + window.location.hash);
    } catch {
      // Some browsers refuse to change the address of a page opened from disk; sorting still works.
    }
  }

  function apply() {
    var sort = form.elements.sorteer.value;
    var status = form.elements.status.value;
    cards.slice().sort(COMPARE[sort]).forEach(function (card) { list.appendChild(card.item); });
    var shown = 0;
    cards.forEach(function (card) {
      var match = !status || card.status === status;
      card.item.hidden = !match;
      if (match) shown += 1;
    });
    list.hidden = !shown;
    said.textContent = describe(sort, status, shown);
    remember(sort, status);
  }

  form.addEventListener("change", apply);
  apply();
})();
