// Sign-up: start the time-zone list at the browser's own zone, so "today" and a chat's hours are
// the person's from the first day. Only a list marked data-browser-zone (a fresh form, never one
// shown again with what the person chose) is changed, and only to a zone the list offers. Without
// JavaScript the list stays at UTC and the person chooses. No inline script.
(function () {
  "use strict";
  var list = document.querySelector("select[data-browser-zone]");
  if (!list) return;
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (e) {
    return;
  }
  for (var i = 0; i < list.options.length; i += 1) {
    if (list.options[i].value === zone) {
      list.value = zone;
      return;
    }
  }
})();
