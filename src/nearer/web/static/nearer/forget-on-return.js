// A sign-in, sign-up or password page brought back whole from the browser's back-forward cache
// (Back or Forward to it) would show what was last typed into it: on a shared device, the previous
// person's email or name. A page fetched again shows none (its form says autocomplete="off",
// which Chromium honours even over the email field's own "username", kept for password
// managers); a page from the cache is emptied here: the text, email and password fields of a
// form marked data-forget-on-return, never its hidden ones (`next`) nor a choice (a time zone).
// No inline script.
(function () {
  "use strict";
  var TYPED = ["text", "email", "password"];

  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) return;  // fetched anew: nothing of before is in it
    document.querySelectorAll("form[data-forget-on-return]").forEach(function (form) {
      Array.prototype.forEach.call(form.elements, function (field) {
        if (TYPED.indexOf(field.type) >= 0) field.value = "";
      });
    });
  });
})();
