// Keeps what a member is writing in a forum form across a reload or a lost connection, in
// this browser only (localStorage). The form works the same without it.
(function () {
  "use strict";
  var forms = document.querySelectorAll("form[data-draft-key]");
  Array.prototype.forEach.call(forms, function (form) {
    var key = "community-draft:" + form.getAttribute("data-draft-key");
    var fields = form.querySelectorAll("textarea, input[type=text]");
    var status = form.querySelector(".draft-status");
    var saved = {};
    try { saved = JSON.parse(window.localStorage.getItem(key) || "{}"); } catch (e) { return; }
    var restored = false;
    Array.prototype.forEach.call(fields, function (field) {
      // A server-filled value (an error shown again, a quote) wins over the saved draft.
      if (saved[field.name] && !field.value) { field.value = saved[field.name]; restored = true; }
      field.addEventListener("input", function () {
        var draft = {};
        Array.prototype.forEach.call(fields, function (f) { if (f.value) { draft[f.name] = f.value; } });
        try { window.localStorage.setItem(key, JSON.stringify(draft)); } catch (e) { /* full or off */ }
        if (status) { status.textContent = form.getAttribute("data-draft-saved") || ""; }
      });
    });
    if (restored && status) { status.textContent = form.getAttribute("data-draft-restored") || ""; }
    form.addEventListener("submit", function () { window.localStorage.removeItem(key); });
  });
})();
