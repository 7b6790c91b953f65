/* Kennisbank: the section "Delen" of initiative and meeting pages (kennisbank.pages.share), a progressive enhancement.
   Without this script the paragraph offers a mail link and the page's published address, both made
   at build time. With it, a button "Kopieer link" copies that address: with the Clipboard API where
   the browser offers it, otherwise by showing the address in a text field, selected, to copy by hand.
   A status line says what happened. Nothing is sent anywhere. */
(function () {
  "use strict";

  var box = document.querySelector(".kb-deel");
  var address = box && box.querySelector("a.kb-deel__adres");
  if (!address) return;
  var url = address.getAttribute("href");

  var button = document.createElement("button");
  button.type = "button";
  button.className = "kb-deel__kopieer";
  button.textContent = "Kopieer link";
  var status = document.createElement("span");
  status.className = "kb-deel__melding";
  status.setAttribute("role", "status");
  var field = null;

  var mail = box.querySelector("a.kb-deel__mail");
  box.insertBefore(button, mail || address);
  box.insertBefore(document.createTextNode(" · "), mail || address);
  box.appendChild(status);

  function say(text) {
    status.textContent = text;
  }

  function selectByHand() {
    if (!field) {
      field = document.createElement("input");
      field.type = "text";
      field.readOnly = true;
      field.value = url;
      field.className = "kb-deel__veld";
      field.setAttribute("aria-label", "Adres van deze pagina");
      box.insertBefore(field, status);
    }
    field.focus();
    field.select();
    say("Het adres is geselecteerd: kopieer het met Ctrl+C (op een Mac: Cmd+C).");
  }

  button.addEventListener("click", function () {
    say("");
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(url).then(function () {
        say("Link gekopieerd.");
      }, selectByHand);
    } else {
      selectByHand();
    }
  });
})();
