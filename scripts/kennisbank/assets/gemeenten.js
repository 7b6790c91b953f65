/* Kennisbank: the filter box of the page 'Gemeenten' (kennisbank.pages.listing), a progressive
   enhancement. Without this script the page lists all municipalities per province. With it, a
   search field above that list hides the municipalities whose names do not hold what is typed,
   and the provinces left empty; every name the check knows counts (Den Bosch, 's-Gravenhage,
   merged-away names such as Haren), so the box says where an old name went. A status line says
   how many are shown. What is typed is kept in the address (?gemeente=), also from disk. */
(function () {
  "use strict";

  var box = document.getElementById("kb-gemeentefilter");
  if (!box) return;
  var names;
  try {
    names = JSON.parse(box.getAttribute("data-namen"));
  } catch {
    return;
  }

  function fold(text) {
    return text.toLowerCase().normalize("NFKD").replace(/\p{Mn}/gu, "").replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  }

  /* The lists after the box, each under its province's heading. */
  var groups = [];
  for (var node = box.nextElementSibling; node; node = node.nextElementSibling) {
    if (node.tagName === "H2") break;
    if (node.classList.contains("kb-columns")) groups.push({ heading: node.previousElementSibling, list: node });
  }
  var rows = [];
  groups.forEach(function (group) {
    Array.prototype.forEach.call(group.list.querySelectorAll("li"), function (item) {
      var link = item.querySelector("a"), slug = link ? link.getAttribute("href").replace(/^.*\//, "").replace(/\.html$/, "") : "";
      var known = Object.prototype.hasOwnProperty.call(names, slug) ? names[slug] : [];
      rows.push({ item: item, group: group, keys: [link ? link.textContent : ""].concat(known).map(fold) });
    });
  });

  var label = document.createElement("label");
  label.htmlFor = "kb-gemeentefilter-veld";
  label.textContent = "Zoek een gemeente";
  var field = document.createElement("input");
  field.type = "search";
  field.id = "kb-gemeentefilter-veld";
  field.name = "gemeente";
  field.autocomplete = "off";
  field.spellcheck = false;
  var status = document.createElement("p");
  status.className = "kb-gemeentefilter__aantal";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  box.appendChild(label);
  box.appendChild(field);
  box.appendChild(status);
  box.hidden = false;

  function apply(push) {
    var wanted = fold(field.value), shown = 0, heard = new Set();
    rows.forEach(function (row) {
      var match = !wanted || row.keys.some(function (key) { return key.indexOf(wanted) >= 0; });
      row.item.hidden = !match;
      if (match) { shown++; heard.add(row.group); }
    });
    groups.forEach(function (group) {
      var empty = !heard.has(group);
      group.list.hidden = empty;
      if (group.heading && group.heading.tagName === "H3") group.heading.hidden = empty;
    });
    status.textContent = !wanted ? "" : shown === 0 ? "Geen gemeente gevonden voor ‘" + field.value.trim() + "’."
      : shown === 1 ? "1 gemeente gevonden." : shown + " gemeenten gevonden.";
    if (push) {
      var params = new URLSearchParams(window.location.search);
      if (wanted) params.set("gemeente", field.value.trim());
      else params.delete("gemeente");
      var query = params.toString();
      try {
        history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
      } catch {
        /* some browsers refuse history on file:// pages; the filter still works */
      }
    }
  }

  field.value = new URLSearchParams(window.location.search).get("gemeente") || "";
  field.addEventListener("input", function () { apply(true); });
  apply(false);
})();
