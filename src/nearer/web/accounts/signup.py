"""Sign-up that never says whether an email has an account.

Anyone can post the sign-up form, so its answer must not tell them who uses nearer: for someone
whose partner checks up on them, that alone can be dangerous. A valid form is answered the same
way whatever its email: the sign-in page, saying to sign in with the password just chosen.

- A new email gets its account, with its solo couple space, but for a sign-up that came by an
  invitation link: the space it is to join will be its first (accounts/invited.py). Its data
  key, and the recovery code shown once, are made at its first sign-in (vault.services.unlock),
  where a session holds them.
- An email that has an account changes nothing: its owner is emailed that someone tried to sign
  up with it (at most RESET_EMAIL's budget per address; beyond it the email is silently not
  sent, for a pause must not answer differently either). Both go the same way until the
  database refuses a second row with the email, so the password is hashed either way and the
  time taken tells as little as the answer; a sign-up that loses a race for a new email (a
  double click, two tabs) is simply the second of the two.

Accepted forms are counted per client network (throttle.SIGN_UP_ADDRESS); while paused, the form
answers 429, whatever the email. What is left: someone who signs up with a free email can then
sign in, where an email that had an account refuses the password they chose. Learning that costs
a throttled sign-up that makes an account in that email, and a sign-in attempt that counts as a
wrong password against the real account (throttled too, and shown in its owner's activity log).
"""

from __future__ import annotations

import logging

from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from nearer.web.accounts import links, outbox
from nearer.web.accounts.forms import SignUpForm
from nearer.web.accounts.models import User
from nearer.web.couples.services import create_couple
from nearer.web.security import throttle

logger = logging.getLogger(__name__)

#: What the sign-in page says after every accepted sign-up, true whichever way it went.
SIGNED_UP = (
    "Now sign in with your email and the password you chose. If this email already had an "
    "account, no second one was made, and nothing in it changed."
)


def sign_up(request: HttpRequest, form: SignUpForm, own_space: bool = True) -> None:
    """Carry out a valid sign-up `form`: the new account, or, for an email that has one, an email
    to its owner. Nothing the caller can see differs between the two. `own_space` False: the
    new account starts without a couple space, for it came to join one."""
    throttle.fail(throttle.sign_up_buckets(request), timezone.now())  # one more accepted
    if not _create_account(form, own_space):
        _tell_owner(request, form.cleaned_data["email"])


def _create_account(form: SignUpForm, own_space: bool) -> bool:
    """The new account and (`own_space`) its solo couple space, all or nothing; False, making
    nothing, when an account has the email (the database refuses the row, after the password
    was hashed)."""
    try:
        with transaction.atomic():
            user = form.save()
            if own_space:  # solo mode from the first minute; the partner can join any time
                create_couple(user)
    except IntegrityError:
        if not User.objects.filter(email=form.cleaned_data["email"]).exists():
            raise
        return False
    return True


def _tell_owner(request: HttpRequest, email: str) -> None:
    """Email the owner of `email` that someone tried to sign up with it, unless enough such
    emails went there lately. It is sent off the request path (accounts/outbox.py), so neither
    the time taken nor a failing email backend (a 500) says that the email has an account."""
    buckets, now = throttle.sign_up_notice_buckets(email), timezone.now()
    if throttle.wait(buckets, now) is not None:
        return
    try:
        context = {
            "login_url": links.email_link(request, reverse("login")),
            "reset_url": links.email_link(request, reverse("password_reset")),
        }
    except links.NoTrustedOrigin:
        logger.error("Not sent: an email about a sign-up needs NEARER_PUBLIC_URL (hosts are *)")
        return
    throttle.fail(buckets, now)
    subject = render_to_string("accounts/signup_taken_subject.txt").strip()
    body = render_to_string("accounts/signup_taken_email.txt", context)
    outbox.send_later(EmailMultiAlternatives(subject, body, None, [email]))
