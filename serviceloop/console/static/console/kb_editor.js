/* The article editor's files (no build step): "Insert into text" puts an image or a link to a file
 * at the cursor of the Markdown field last used; pasting an image into a Markdown field uploads it
 * and inserts it there; the upload form sends its file without leaving the page (unsaved text stays).
 * Names go into the textarea's value or into textContent, never parsed as HTML.
 */
(function () {
  "use strict";

  var panel = document.getElementById("kb-attachments");
  var form = document.getElementById("article-form");
  if (!panel || !form || !window.fetch) return;
  var uploadUrl = panel.getAttribute("data-upload-url");
  var status = document.getElementById("kb-upload-status");
  var lastBox = document.getElementById("id_body");

  function csrfToken() {
    var field = form.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function markdown(name, url, kind) {
    // Brackets in a name would end the link text early.
    var label = String(name).replace(/\[/g, "(").replace(/\]/g, ")");
    return (kind === "image" ? "!" : "") + "[" + label + "](" + url + ")";
  }

  function insert(box, text) {
    if (!box) return;
    var start = box.selectionStart, end = box.selectionEnd, value = box.value;
    if (typeof start !== "number") { start = end = value.length; }
    box.value = value.slice(0, start) + text + value.slice(end);
    var caret = start + text.length;
    box.setSelectionRange(caret, caret);
    box.dispatchEvent(new Event("input", { bubbles: true }));
    box.focus();
  }

  function insertButton(name, url, kind) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-outline-secondary btn-sm py-0";
    button.setAttribute("data-kb-insert", "");
    button.setAttribute("data-name", name);
    button.setAttribute("data-url", url);
    button.setAttribute("data-kind", kind);
    var label = document.getElementById("kb-insert-label");
    button.textContent = label ? label.content.textContent : "Insert";
    return button;
  }

  function addRow(file) {
    var empty = document.getElementById("kb-no-attachments");
    if (empty) empty.remove();
    var row = document.createElement("li");
    row.className = "d-flex flex-wrap align-items-center gap-2 mb-1";
    row.setAttribute("data-attachment-id", file.id);
    var link = document.createElement("a");
    link.href = file.url;
    link.textContent = file.name;
    row.appendChild(link);
    row.appendChild(insertButton(file.name, file.url, file.kind));
    document.getElementById("kb-attachment-list").appendChild(row);
  }

  function send(file, name) {
    var body = new FormData();
    body.append("file", file, name || file.name);
    status.textContent = "";
    return fetch(uploadUrl, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(), "Accept": "application/json" },
    }).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok) throw new Error(data.error || response.statusText);
        addRow(data);
        return data;
      });
    }).catch(function (error) {
      status.textContent = error.message;
      throw error;
    });
  }

  form.addEventListener("focusin", function (event) {
    if (event.target.tagName === "TEXTAREA" && event.target.name !== "note") lastBox = event.target;
  });

  form.addEventListener("paste", function (event) {
    var box = event.target;
    if (box.tagName !== "TEXTAREA" || !event.clipboardData) return;
    var files = Array.prototype.filter.call(event.clipboardData.files || [], function (f) {
      return /^image\//.test(f.type);
    });
    if (!files.length) return;
    event.preventDefault();
    files.forEach(function (file) {
      var ext = (file.type.split("/")[1] || "png").replace("jpeg", "jpg");
      var name = file.name && file.name !== "image." + ext ? file.name : "pasted-" + Date.now() + "." + ext;
      send(file, name).then(function (data) { insert(box, data.markdown); }, function () {});
    });
  });

  panel.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-kb-insert]") : null;
    if (!button) return;
    event.preventDefault();
    insert(lastBox, markdown(button.getAttribute("data-name"), button.getAttribute("data-url"),
                             button.getAttribute("data-kind")));
  });

  var uploadForm = document.getElementById("kb-upload-form");
  if (uploadForm) {
    uploadForm.addEventListener("submit", function (event) {
      var input = uploadForm.querySelector("input[type=file]");
      if (!input || !input.files.length) return;
      event.preventDefault();
      send(input.files[0]).then(function () { input.value = ""; }, function () {});
    });
  }
})();
