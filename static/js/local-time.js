// Shows an event's times in the reader's own time zone, next to the times where it happens.
// Progressive enhancement: without JavaScript the page still says when, in the event's zone.
(function () {
  "use strict";
  var lang = document.documentElement.lang || undefined;
  document.querySelectorAll("[data-local-time]").forEach(function (element) {
    var start = new Date(element.dataset.start);
    var end = new Date(element.dataset.end);
    if (isNaN(start) || isNaN(end) || typeof Intl === "undefined") return;
    var options = { dateStyle: "full", timeStyle: "short" };
    var format = new Intl.DateTimeFormat(lang, options);
    var zone = format.resolvedOptions().timeZone;
    var text = format.formatRange ? format.formatRange(start, end) : format.format(start) + " – " + format.format(end);
    element.textContent = element.dataset.label + " " + text + " (" + zone + ")";
    element.hidden = false;
  });
})();
