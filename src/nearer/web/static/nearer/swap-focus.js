// After htmx swaps part of a page (an answer saved, a practice marked done, a session ended),
// keyboard and screen-reader users would be left on <body>, at the top of the page, with no
// word of what changed. Focus goes to the swapped part instead: to its error, if it holds one
// (role="alert"), else to what the control that asked names in data-focus-after (the "Done
// today" of the practice just marked: the part's top may be off screen, and the next Tab would
// land on its first control), else to the part itself.
// A swap nobody asked for (a status polled every few seconds) never takes focus: its live
// region speaks for it. If focus was inside the part it replaced, it goes back to the same
// control in the new part (same id, or same kind and words), so a key press meant for a
// button still reaches it. No inline script.
(function () {
  "use strict";
  var held = null;  // what had focus inside the part being replaced, by poll

  function startedByPerson(detail) {
    var config = detail && detail.requestConfig;
    return Boolean(config && config.triggeringEvent);
  }

  function describe(element) {
    return {id: element.id, tag: element.tagName, words: (element.textContent || "").trim()};
  }

  function same(region, was) {
    if (was.id) return document.getElementById(was.id);
    var found = region.querySelectorAll(was.tag);
    for (var i = 0; i < found.length; i++) {
      if ((found[i].textContent || "").trim() === was.words) return found[i];
    }
    return null;
  }

  function named(region, detail) {
    var asker = detail && detail.requestConfig && detail.requestConfig.elt;
    var id = asker && asker.getAttribute && asker.getAttribute("data-focus-after");
    var found = id && document.getElementById(id);
    return found && region.contains(found) ? found : null;
  }

  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail && event.detail.target;
    var active = document.activeElement;
    held = null;
    if (target && active && active !== document.body && target.contains(active)) {
      held = describe(active);
    }
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail && event.detail.target;
    if (!target) return;
    var region = (target.id && document.getElementById(target.id)) || target;
    if (!document.body.contains(region) || region === document.body) return;
    if (!startedByPerson(event.detail)) {
      var back = held && same(region, held);
      if (back && document.activeElement !== back) back.focus();
      return;
    }
    var place = region.querySelector("[role=alert]") || named(region, event.detail) || region;
    if (!place.hasAttribute("tabindex")) place.setAttribute("tabindex", "-1");
    place.focus();
  });
})();
