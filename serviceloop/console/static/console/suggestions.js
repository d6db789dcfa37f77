/* The ticket page's suggestions panel (no build step): "Insert link" and "Insert steps" put an
 * article's text into the reply box at the cursor, then tell the server the article was used.
 * The text comes from a data attribute and goes into the textarea's value: it is never parsed as
 * HTML, so whatever the article says stays plain text.
 */
(function () {
  "use strict";

  function insert(box, text) {
    var start = box.selectionStart, end = box.selectionEnd, value = box.value;
    if (typeof start !== "number") { start = end = value.length; }
    var before = value.slice(0, start), after = value.slice(end);
    // The article stands in a paragraph of its own.
    if (before && !/\n\n$/.test(before)) text = (/\n$/.test(before) ? "\n" : "\n\n") + text;
    if (after && !/^\n/.test(after)) text = text + "\n\n";
    box.value = before + text + after;
    var caret = before.length + text.length;
    box.setSelectionRange(caret, caret);
    box.dispatchEvent(new Event("input", { bubbles: true }));
    box.focus();
  }

  function csrfToken() {
    var field = document.querySelector("#editor input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function recordUse(button) {
    var url = button.getAttribute("data-use-url");
    if (!url || !window.fetch) return;
    var body = new URLSearchParams();
    body.set("article", button.getAttribute("data-article-id") || "");
    // Noting the use may fail without harm: the text is in the reply box either way.
    fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken() },
    }).catch(function () {});
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-insert-text]") : null;
    if (!button) return;
    var box = document.querySelector("#editor textarea[data-key-reply]");
    if (!box) return;
    event.preventDefault();
    insert(box, button.getAttribute("data-insert-text"));
    recordUse(button);
  });
})();
