// Suggestions in the search box while one types: a progressive enhancement.
// Without this script the box is a plain search field and the page works the same. The
// suggestions fill a native <datalist>, which browsers and screen readers already know how
// to offer; nothing is fetched on connections that ask to save data.
(function () {
  "use strict";
  var input = document.querySelector("input[data-suggest-url]");
  if (!input || !window.fetch || !window.AbortController) return;
  if (navigator.connection && navigator.connection.saveData) return;

  var url = input.getAttribute("data-suggest-url");
  var list = document.createElement("datalist");
  list.id = input.id + "-suggestions";
  input.insertAdjacentElement("afterend", list);
  input.setAttribute("list", list.id);
  input.setAttribute("autocomplete", "off");

  var timer = null;
  var controller = null;
  var last = "";

  function show(suggestions) {
    while (list.firstChild) list.removeChild(list.firstChild);
    suggestions.forEach(function (suggestion) {
      var option = document.createElement("option");
      option.value = suggestion.title;
      option.label = suggestion.kind_label;
      list.appendChild(option);
    });
  }

  function fetchSuggestions() {
    var text = input.value.trim();
    if (text === last) return;
    last = text;
    if (controller) controller.abort();
    if (text.length < 2) { show([]); return; }
    controller = new AbortController();
    fetch(url + "?q=" + encodeURIComponent(text), {
      signal: controller.signal,
      credentials: "same-origin",
      headers: { Accept: "application/json" }
    })
      .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
      .then(function (data) { show(data.suggestions || []); })
      .catch(function () { /* offline or aborted: the box still works */ });
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(fetchSuggestions, 250);
  });
})();
