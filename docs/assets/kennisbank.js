/* Kennisbank Maatschappelijke Initiatieven: keyboard and screen-reader fixes on every page, on top
   of Material for MkDocs (loaded after Material's bundle, through extra_javascript in mkdocs.yml).
   - The menu button opens Material's navigation drawer (its #__drawer checkbox), moves focus into
     it, and Escape (or leaving it with Tab) closes it; Escape returns focus to the button.
   - The light/dark button (overrides/partials/palette.html) switches Material's colour scheme.
   - A table wider than the page (on a phone) scrolls sideways in Material's wrapper: the wrapper
     then gets a tab stop and a name, so a keyboard can scroll it too (WCAG 2.1.1).
   - An initiative's "Meer gegevens" is folded in the page, so that on a phone the story starts
     soon; on a wider screen, where the panel takes little room, it opens at once. */
(function () {
  "use strict";

  var PALETTE_KEY = "__palette";

  // ---------- navigation drawer ----------

  var FOCUSABLE = "a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select, textarea, [tabindex]:not([tabindex='-1'])";

  function setupDrawer() {
    var toggle = document.getElementById("__drawer");
    var button = document.querySelector(".kb-menu-button");
    var drawer = document.querySelector(".md-sidebar--primary");
    if (!toggle || !button || !drawer) return;
    drawer.id = drawer.id || "kb-menu";
    button.setAttribute("aria-controls", drawer.id);

    function isOpen() {
      return toggle.checked;
    }

    // Material listens to the checkbox's change event (it locks page scrolling while open).
    function setOpen(open) {
      if (toggle.checked !== open) {
        toggle.checked = open;
        toggle.dispatchEvent(new Event("change"));
      }
      button.setAttribute("aria-expanded", String(open));
    }

    function firstFocusable() {
      var candidates = drawer.querySelectorAll(FOCUSABLE);
      for (var i = 0; i < candidates.length; i++) {
        if (candidates[i].getClientRects().length > 0) return candidates[i];
      }
      return null;
    }

    button.addEventListener("click", function () {
      if (isOpen()) {
        setOpen(false);
        return;
      }
      setOpen(true);
      var target = firstFocusable();
      if (target) target.focus();
    });

    // Opened or closed some other way (Material's overlay, its label for mouse users, navigation).
    toggle.addEventListener("change", function () {
      button.setAttribute("aria-expanded", String(isOpen()));
    });

    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || !isOpen()) return;
      var inside = drawer.contains(document.activeElement) || document.activeElement === button;
      setOpen(false);
      if (inside) button.focus();
    });

    // Tabbing out of the open drawer closes it: focus must never sit behind Material's overlay.
    drawer.addEventListener("focusout", function (event) {
      var next = event.relatedTarget;
      if (isOpen() && next && !drawer.contains(next) && next !== button) setOpen(false);
    });
  }

  // ---------- light/dark ----------

  function storedPalette() {
    try {
      return window.__md_get ? window.__md_get(PALETTE_KEY) : null;
    } catch {
      return null;  // storage blocked: fall back to the system setting
    }
  }

  function currentIndex(options) {
    var stored = storedPalette();
    var index = -1;
    for (var i = 0; i < options.length; i++) {
      if (stored && stored.color && stored.color.scheme === options[i].scheme) index = i;
    }
    if (index >= 0) return index;
    for (var j = 0; j < options.length; j++) {
      if (window.matchMedia(options[j].media).matches) return j;
    }
    return 0;
  }

  function applyScheme(button, options, index) {
    var body = document.body;
    var colour = options[index];
    // On most page views the page already has these colours (Material's early script and the page's
    // own attributes): then no colour changes, and forcing a layout while the page loads (below)
    // would cost 10-25 ms for nothing.
    var same = ["scheme", "primary", "accent"].every(function (key) {
      return body.getAttribute("data-md-color-" + key) === colour[key];
    });
    // Material's stylesheet turns transitions off while this attribute is set.
    if (!same) body.setAttribute("data-md-color-switching", "");
    ["media", "scheme", "primary", "accent"].forEach(function (key) {
      body.setAttribute("data-md-color-" + key, colour[key]);
    });
    button.setAttribute("aria-pressed", String(index === 1));
    if (same) return;
    // Compute the new colours while transitions are off, or every element fades from the old scheme.
    void body.offsetHeight;
    window.setTimeout(function () { body.removeAttribute("data-md-color-switching"); }, 0);
  }

  function setupScheme() {
    var button = document.querySelector(".kb-scheme__button");
    if (!button) return;
    var options = JSON.parse(button.getAttribute("data-kb-palette"));
    if (options.length !== 2) return;
    var index = currentIndex(options);
    applyScheme(button, options, index);
    button.hidden = false;
    button.addEventListener("click", function () {
      index = 1 - index;
      applyScheme(button, options, index);
      // Stored the way Material stores it, so its early script applies it on the next page.
      if (window.__md_set) window.__md_set(PALETTE_KEY, { index: index, color: options[index] });
    });
  }

  // ---------- tables that scroll sideways ----------

  function tableName(wrap) {
    var caption = wrap.querySelector("caption");
    var text = caption ? caption.textContent.replace(/\s+/g, " ").trim() : "";
    return text ? "Tabel: " + text : "Tabel";
  }

  // Only a wrapper that scrolls is a stop: at 1280 px the tables fit, and an empty stop would confuse.
  function markScrolling(wrap) {
    if (wrap.scrollWidth > wrap.clientWidth + 1) {
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", tableName(wrap));
    } else if (wrap.hasAttribute("tabindex")) {
      ["tabindex", "role", "aria-label"].forEach(function (name) { wrap.removeAttribute(name); });
    }
  }

  // Material wraps the tables when the document is ready, which is before this listener runs.
  function setupTables() {
    var wraps = document.querySelectorAll(".md-typeset__scrollwrap");
    if (!wraps.length) return;
    var observer = window.ResizeObserver ? new ResizeObserver(function (entries) {
      entries.forEach(function (entry) { markScrolling(entry.target); });
    }) : null;
    for (var i = 0; i < wraps.length; i++) {
      markScrolling(wraps[i]);
      if (observer) observer.observe(wraps[i]);
    }
  }

  // ---------- "Meer gegevens" ----------

  var WIDE = "(min-width: 30em)";  // Material's phone layout ends below 30em (kennisbank.css)

  function setupMoreFacts() {
    if (!window.matchMedia(WIDE).matches) return;
    var folded = document.querySelectorAll("details.kb-meta--meer");
    for (var i = 0; i < folded.length; i++) folded[i].open = true;
  }

  setupDrawer();
  setupScheme();
  setupMoreFacts();
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setupTables, { once: true });
  } else {
    setupTables();
  }
})();
