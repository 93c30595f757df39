// What was typed into a form survives a sign-in in between. A form marked data-draft (the day's
// answer, the reply, the check-in) leaves a copy of its fields in this tab's sessionStorage as it
// is sent, before the request leaves, with htmx or without. If the session had ended, the answer
// is the sign-in page (marked data-keeps-drafts), which keeps the copy; signing in returns to the
// page the form was on (accounts/sign_in_return.py), and the copy is put back into that form and
// removed (a plain form's answer may first be a page saying it was not saved, web/unsent.py,
// which goes on to the sign-in page at once). A form refused for a stale CSRF token (signed in
// or out in another tab) keeps it alike: its 403 page is marked data-keeps-drafts too (under htmx, where no page loads, its
// Nearer-Keeps-Drafts header says so), and the form's page opened again puts it back. Any other
// answer means the form reached the server (saved, or refused and shown again with what was
// typed): the copy is removed there and then. So private words stay in the tab no
// longer than one sign-in, never outlive the tab, and a quick exit removes them (quick-exit.js).
// Passwords, files and hidden fields are never copied (but a stamp marked data-draft-keep). A draft is put back only for the person
// who typed it (the page's data-draft-owner, accounts/drafts.py): on a shared device someone
// else signing in in that tab never sees it. No inline script.
(function () {
  "use strict";
  var KEY = "form-drafts";
  var NOT_COPIED = ["hidden", "password", "file", "submit", "button", "reset", "image"];

  function read() {
    try { return JSON.parse(sessionStorage.getItem(KEY) || "null"); } catch (e) { return null; }
  }

  function write(draft) {
    try {
      if (draft) sessionStorage.setItem(KEY, JSON.stringify(draft));
      else sessionStorage.removeItem(KEY);
    } catch (e) { /* storage off: nothing kept, as before */ }
  }

  // A hidden field marked data-draft-keep travels with the copy: the check-in's `opened`, the
  // revision the page was opened on, so a copy put back into a page opened later is refused as
  // stale rather than saved over what was saved meanwhile.
  function fields(form) {
    return Array.prototype.filter.call(form.elements, function (field) {
      return field.name && (NOT_COPIED.indexOf(field.type) < 0 ||
                            field.hasAttribute("data-draft-keep"));
    });
  }

  // Not form.action: a button named "action" (the answer's) stands in its place.
  function address(form) {
    return new URL(form.getAttribute("action") || "", location.href).href;
  }

  function owner() {
    return document.body ? document.body.getAttribute("data-draft-owner") || "" : "";
  }

  function copy(form) {
    return fields(form).map(function (field) {
      return { name: field.name, value: field.value, checked: field.checked };
    });
  }

  function putBack(form, copied) {
    fields(form).forEach(function (field, index) {
      var was = copied[index];
      if (!was || was.name !== field.name) return;  // another form by now: leave it be
      if (field.type === "checkbox" || field.type === "radio") field.checked = was.checked;
      else field.value = was.value;
    });
    var note = document.createElement("p");
    note.className = "hint";
    note.setAttribute("role", "status");
    note.setAttribute("data-testid", "draft-restored");
    note.textContent = "What you typed before is back below. It is not saved yet: send it again.";
    form.parentNode.insertBefore(note, form);
  }

  // Capture: before htmx takes the submit over (it cancels the event for its own request).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.hasAttribute && form.hasAttribute("data-draft")) {
      write({ action: address(form), owner: owner(), fields: copy(form), signingIn: false });
    }
  }, true);

  // Kept for the form's page: it puts the copy back when opened again (signingIn, as after a
  // sign-in), and a page that says so (the CSRF refusal's) shows that it is kept.
  function keep() {
    var draft = read();
    if (!draft) return;
    draft.signingIn = true;
    write(draft);
    var kept = document.querySelector("[data-draft-kept]");
    if (kept) kept.hidden = false;
  }

  // An htmx answer without HX-Redirect was swapped in place: the form reached the server, but
  // for a stale CSRF token, which turned it away before it did.
  document.addEventListener("htmx:afterRequest", function (event) {
    var xhr = event.detail.xhr;
    if (!xhr || xhr.status === 0 || xhr.getResponseHeader("HX-Redirect")) return;
    if (xhr.getResponseHeader("Nearer-Keeps-Drafts")) keep();
    else write(null);
  });
  document.addEventListener("htmx:afterSettle", function () {
    if (document.querySelector("[data-keeps-drafts]")) keep();  // the refusal's page is in now
  });

  var draft = read();
  if (!draft) return;
  if (document.querySelector("[data-keeps-drafts]")) {
    keep();  // kept across wrong passwords too, until the sign-in succeeds
    // A form turned away to sign in or unlock (web/unsent.py): on to there, the copy kept.
    var goesOn = document.querySelector("[data-goes-on]");
    if (goesOn) location.replace(goesOn.href);
    return;
  }
  write(null);
  if (!draft.signingIn || !draft.owner || draft.owner !== owner()) return;
  var forms = document.querySelectorAll("form[data-draft]");
  for (var i = 0; i < forms.length; i++) {
    if (address(forms[i]) === draft.action) { putBack(forms[i], draft.fields); return; }
  }
})();
