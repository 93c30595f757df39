// Quick exit: the "Leave quickly" button, or Escape pressed twice within a second, swaps this page
// for a plain weather page and ends the session. location.replace leaves no entry for this page
// in the tab's history; earlier pages were sent with Cache-Control: no-store, so going back asks
// the server again, which now shows only the sign-in page. No inline script, no on* attributes.
(function () {
  "use strict";
  var form = document.getElementById("quick-exit");
  if (!form) return;
  var neutral = form.getAttribute("data-neutral");
  var FLAG = "quick-exit";
  var leaving = false;
  var lastEscape = 0;

  function leave() {
    if (leaving) return;
    leaving = true;
    try {
      sessionStorage.setItem(FLAG, "1");
      sessionStorage.removeItem("form-drafts");  // words kept across a sign-in (form-drafts.js)
    } catch (e) { /* storage off: the server suffices */ }
    document.title = "Weather";
    document.body.replaceChildren();
    var go = function () { window.location.replace(neutral); };
    var ended = fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      keepalive: true,
      redirect: "manual",
    }).catch(function () {});
    // Leave as soon as the session has ended, and in any case within half a second.
    Promise.race([ended, new Promise(function (done) { setTimeout(done, 500); })]).then(go, go);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    leave();
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var now = Date.now();
    if (now - lastEscape <= 1000) {
      leave();
    } else {
      lastEscape = now;
    }
  });

  // A page brought back from the browser's back-forward cache after a quick exit is hidden at
  // once; a freshly loaded signed-in page means the person signed in again.
  window.addEventListener("pageshow", function (event) {
    var exited = false;
    try { exited = sessionStorage.getItem(FLAG) === "1"; } catch (e) { /* no storage */ }
    if (event.persisted && exited) {
      document.body.replaceChildren();
      window.location.replace(neutral);
    } else if (!event.persisted) {
      try { sessionStorage.removeItem(FLAG); } catch (e) { /* no storage */ }
    }
  });
})();
