/* Keyboard shortcuts of the agent console (no build step).
 *   /      focus the search box          j / k  select the next / previous ticket row
 *   Enter  open the selected ticket      r      focus the reply box (ticket page)
 *   n      open the phone-call form      ?      highlight the key help in the footer
 *   x      tick the selected row for the bulk toolbar
 *   Esc    leave a text field
 * Keys are ignored while typing in a field or with Ctrl/Alt/Meta held, so they never eat input.
 */
(function () {
  "use strict";
  var selected = -1;

  function isTyping(el) {
    if (!el || !el.tagName) return false;
    var tag = el.tagName.toLowerCase();
    if (tag === "input" && (el.type === "checkbox" || el.type === "radio")) return false;  // they take no text
    return tag === "input" || tag === "textarea" || tag === "select" || el.isContentEditable;
  }

  function rows() {
    return Array.prototype.slice.call(document.querySelectorAll("[data-row-href]"));
  }

  function select(index) {
    var all = rows();
    if (!all.length) return;
    index = Math.max(0, Math.min(all.length - 1, index));
    all.forEach(function (row, i) {
      row.classList.toggle("is-selected", i === index);
      if (i === index) row.setAttribute("aria-selected", "true");
      else row.removeAttribute("aria-selected");
    });
    selected = index;
    all[index].scrollIntoView({ block: "nearest" });
  }

  function focus(selector) {
    var el = document.querySelector(selector);
    if (!el) return false;
    el.focus();
    if (el.select && el.type !== "textarea") el.select();
    el.scrollIntoView({ block: "center" });
    return true;
  }

  function go(selector) {
    var link = document.querySelector(selector);
    if (link && link.href) window.location.assign(link.href);
    return Boolean(link);
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    if (event.key === "Escape") {
      document.querySelectorAll("details.filter-pop[open]").forEach(function (pop) { pop.removeAttribute("open"); });
    }
    if (isTyping(event.target)) {
      if (event.key === "Escape") event.target.blur();
      return;
    }
    var handled = false;
    switch (event.key) {
      case "/": handled = focus("[data-key-search]"); break;
      case "j": select(selected + 1); handled = true; break;
      case "k": select(selected - 1); handled = true; break;
      case "Enter":
        // Only when no link or button has the focus: those keep their own Enter.
        if (selected >= 0 && (event.target === document.body || event.target.hasAttribute("data-row-href"))) {
          var row = rows()[selected];
          if (row) { window.location.assign(row.getAttribute("data-row-href")); handled = true; }
        }
        break;
      case "x": handled = tickSelected(); break;
      case "r": handled = focus("[data-key-reply]"); break;
      case "n": handled = go("[data-key-phone]"); break;
      case "?":
        var help = document.getElementById("keys-help");
        if (help) { help.classList.toggle("is-highlighted"); help.scrollIntoView({ block: "nearest" }); handled = true; }
        break;
    }
    if (handled) event.preventDefault();
  });

  // Filters left empty stay out of the address the queue pushes into the history.
  document.addEventListener("htmx:configRequest", function (event) {
    var params = event.detail.parameters;
    if (!event.detail.elt.closest("[data-drop-empty]") || !params) return;
    Object.keys(params).forEach(function (name) {
      if (params[name] === "") delete params[name];
    });
  });

  // The filter pop-ups (<details>) close on a click elsewhere, as menus do.
  document.addEventListener("click", function (event) {
    document.querySelectorAll("details.filter-pop[open]").forEach(function (pop) {
      if (!pop.contains(event.target)) pop.removeAttribute("open");
    });
  });

  // A re-rendered queue table starts without a selection.
  document.addEventListener("htmx:afterSwap", function () { selected = -1; syncBulk(); });

  // The bulk toolbar: says how many rows are ticked and is usable only then; "select all" ticks the page.
  function bulkBoxes() {
    return Array.prototype.slice.call(document.querySelectorAll("input[data-bulk-row]"));
  }

  function syncBulk() {
    var form = document.querySelector("[data-bulk-form]");
    if (!form) return;
    var boxes = bulkBoxes();
    var ticked = boxes.filter(function (box) { return box.checked; }).length;
    var count = form.querySelector("[data-bulk-count]");
    if (!count.hasAttribute("data-none")) count.setAttribute("data-none", count.textContent);
    count.textContent = ticked ? count.getAttribute("data-label").replace("%(count)s", ticked) : count.getAttribute("data-none");
    form.querySelector("[data-bulk-controls]").disabled = ticked === 0;
    boxes.forEach(function (box) { box.closest("tr").classList.toggle("table-active", box.checked); });
    var all = document.querySelector("input[data-bulk-all]");
    if (all) {
      all.checked = ticked > 0 && ticked === boxes.length;
      all.indeterminate = ticked > 0 && ticked < boxes.length;
    }
  }

  function tickSelected() {
    var row = rows()[selected];
    var box = row && row.querySelector("input[data-bulk-row]");
    if (!box) return false;
    box.checked = !box.checked;
    syncBulk();
    return true;
  }

  document.addEventListener("change", function (event) {
    var el = event.target;
    if (!el.matches || !el.matches("input[data-bulk-all], input[data-bulk-row]")) return;
    if (el.hasAttribute("data-bulk-all")) bulkBoxes().forEach(function (box) { box.checked = el.checked; });
    syncBulk();
  });

  // A browser going back may bring the ticks back: count what it restored.
  window.addEventListener("pageshow", syncBulk);
  syncBulk();

  // Closing or cancelling every ticked ticket is asked once more; the button carries the question.
  document.addEventListener("htmx:confirm", function (event) {
    var trigger = event.detail.triggeringEvent;
    var question = trigger && trigger.submitter && trigger.submitter.getAttribute("data-confirm");
    if (!question) return;
    event.preventDefault();
    if (window.confirm(question)) event.detail.issueRequest(true);
  });

  // A refused bulk change (422) comes with the list and says why: show it, as htmx would a 200.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var elt = event.detail.requestConfig && event.detail.requestConfig.elt;  // detail.elt is the target
    if (event.detail.xhr.status === 422 && elt && elt.matches && elt.matches("[data-bulk-form]")) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
})();
