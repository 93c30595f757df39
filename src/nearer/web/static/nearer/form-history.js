// A page that answers a form (a refusal showing the form again, with why) stays in the tab's
// history as that form's sending: Back to it from a later page would make Chromium ask to
// "Confirm form resubmission", or send the form again. So such a page (base.html marks it
// data-answers-form) takes the address of the page the form was sent from, by replaceState,
// which also makes its history entry a GET: Back opens that page anew. The form's own address
// would not do where it takes only a form (/plan/settings/, which a GET answers with a 405).
// Sent from nowhere known (storage off, a form sent by a script), it keeps its own address,
// still as a GET. No inline script.
(function () {
  "use strict";
  var KEY = "form-history:sent-from";

  function take() {
    try {
      var from = sessionStorage.getItem(KEY);
      sessionStorage.removeItem(KEY);
      return from;
    } catch (e) {
      return null;  // storage off
    }
  }

  document.addEventListener("submit", function (event) {
    if (event.defaultPrevented) return;  // htmx sends it, and the page stays
    try { sessionStorage.setItem(KEY, location.href); } catch (e) { /* storage off */ }
  });

  var from = take();  // every page load, so an old one never reaches a later answer
  if (!document.body.hasAttribute("data-answers-form")) return;
  try {
    history.replaceState(null, "", from || location.href);
  } catch (e) {
    history.replaceState(null, "", location.href);  // another origin's address: refused
  }
})();
