/* Kennisbank: the filter of the page 'Lessen' (kennisbank.pages.lessons), a progressive enhancement.
   Without this script the page shows every lesson, each saying its kind and the government's role.
   With it, two selects (kind, role) hide the lessons that do not match, and themes left empty;
   a status line says how many lessons are shown. The choice is kept in the address (?soort=&rol=),
   so a filtered list can be shared; this works from disk (file://) as well. */
(function () {
  "use strict";

  var box = document.querySelector(".kb-lessen[data-filters]");
  if (!box) return;
  var filters;
  try {
    filters = JSON.parse(box.getAttribute("data-filters"));
  } catch {
    return;
  }
  var items = Array.prototype.slice.call(box.querySelectorAll("li[data-soort]"));
  var params = new URLSearchParams(window.location.search);

  function select(key, spec) {
    var wrapper = document.createElement("div");
    wrapper.className = "kb-lessen-keuze";
    var label = document.createElement("label");
    label.htmlFor = "kb-lessen-" + key;
    label.textContent = spec.label;
    var control = document.createElement("select");
    control.id = "kb-lessen-" + key;
    control.name = key;
    var all = document.createElement("option");
    all.value = "";
    all.textContent = "Alle";
    control.appendChild(all);
    spec.keuzes.forEach(function (choice) {
      var option = document.createElement("option");
      option.value = choice[0];
      option.textContent = choice[1];
      control.appendChild(option);
    });
    var wanted = params.get(key) || "";
    control.value = spec.keuzes.some(function (c) { return c[0] === wanted; }) ? wanted : "";
    wrapper.appendChild(label);
    wrapper.appendChild(control);
    return wrapper;
  }

  var form = document.createElement("form");
  form.className = "kb-lessen-filter";
  form.setAttribute("role", "search");
  form.setAttribute("aria-label", "Lessen filteren");
  form.appendChild(select("soort", filters.soort));
  form.appendChild(select("rol", filters.rol));
  var status = document.createElement("p");
  status.className = "kb-lessen-aantal";
  status.setAttribute("role", "status");
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  box.parentNode.insertBefore(form, box);
  box.parentNode.insertBefore(status, box);

  function headingOf(list) {
    var node = list.previousElementSibling;
    return node && /^H[2-6]$/.test(node.tagName) ? node : null;
  }

  function remember(soort, rol) {
    var query = new URLSearchParams();
    if (soort) query.set("soort", soort);
    if (rol) query.set("rol", rol);
    var text = query.toString();
    try {
      window.history.replaceState(null, "", window.location.pathname + (text ? "?" + text : "") + window.location.hash);
    } catch {
      // Some browsers refuse to change the address of a page opened from disk; the filter still works.
    }
  }

  function apply() {
    var soort = form.elements.soort.value;
    var rol = form.elements.rol.value;
    var shown = 0;
    items.forEach(function (item) {
      var match = (!soort || item.getAttribute("data-soort") === soort) && (!rol || item.getAttribute("data-rol") === rol);
      item.hidden = !match;
      if (match) shown += 1;
    });
    Array.prototype.slice.call(box.querySelectorAll("ul")).forEach(function (list) {
      var empty = !list.querySelector("li:not([hidden])");
      list.hidden = empty;
      var heading = headingOf(list);
      if (heading) heading.hidden = empty;
    });
    status.textContent = shown === 1 ? "1 les getoond." : shown + " lessen getoond.";
    remember(soort, rol);
  }

  form.addEventListener("change", apply);
  apply();
})();
