// Live notifications: keeps the header's unread count up to date and reads new notifications
// out to screen readers. The page works without it; after a lost connection it reconnects
// with growing pauses and asks the server for the true count and what it missed.
(function () {
  "use strict";
  var link = document.querySelector("[data-notifications]");
  if (!link || !("WebSocket" in window) || !window.JSON) { return; }
  var badge = link.querySelector(".notification-count");
  var announcer = document.getElementById("live-announcer");
  var lang = document.documentElement.lang || "en";
  var unread = parseInt(badge.textContent, 10) || 0;
  var lastId = 0;
  var connectedBefore = false;
  var pause = 1000;

  function show(count) {
    unread = Math.max(0, count);
    badge.textContent = String(unread);
    badge.hidden = unread === 0;
  }

  function announce(text) {
    if (!announcer || !text) { return; }
    announcer.textContent = "";
    window.setTimeout(function () { announcer.textContent = text; }, 50);
  }

  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + window.location.host + "/ws/notifications/");
    socket.onopen = function () {
      pause = 1000;
      socket.send(JSON.stringify({ type: "catch_up", after: lastId, lang: lang }));
    };
    socket.onmessage = function (event) {
      var data = JSON.parse(event.data);
      if (data.type === "state") {
        show(data.unread);
        data.missed.forEach(function (item) { lastId = Math.max(lastId, item.id); });
        // On a reconnect, say what arrived while the page was away.
        if (connectedBefore && data.missed.length) { announce(data.missed[0].text); }
        connectedBefore = true;
      } else if (data.type === "notification") {
        if (!data.collapsed) { show(unread + 1); }
        lastId = Math.max(lastId, data.id);
        announce(data.texts[lang] || data.texts.en);
        document.dispatchEvent(new CustomEvent("community:notification", { detail: data }));
      }
    };
    socket.onclose = function (event) {
      if (event.code === 4401) { return; }  // signed out: nothing to wait for
      window.setTimeout(connect, pause + Math.random() * pause / 2);
      pause = Math.min(pause * 2, 30000);
    };
  }
  connect();
})();
