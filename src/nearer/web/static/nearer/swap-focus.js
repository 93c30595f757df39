// After htmx swaps part of a page (an answer saved, a practice marked done, a session ended),
// keyboard and screen-reader users would be left on <body>, at the top of the page, with no
// word of what changed. Focus goes to the swapped part instead: to its error, if it holds one
// (role="alert"), else to the part itself. No inline script.
(function () {
  "use strict";
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail && event.detail.target;
    if (!target) return;
    var region = (target.id && document.getElementById(target.id)) || target;
    if (!document.body.contains(region) || region === document.body) return;
    var place = region.querySelector("[role=alert]") || region;
    if (!place.hasAttribute("tabindex")) place.setAttribute("tabindex", "-1");
    place.focus();
  });
})();
