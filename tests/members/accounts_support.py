"""Helpers for the account tests: fresh visitors, verified members, links from e-mails.

Rate limits count per IP address and per e-mail address in the cache, which in the
production run is a Redis shared by every process (and by other runs of the suite). Each
visitor therefore comes from an address of its own and each member has a fresh e-mail, so
one test's attempts never count against another's.
"""

from __future__ import annotations

import itertools
import random
import re
import uuid

from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client

from members.models import User

PASSWORD = "a long test passphrase"
_addresses = itertools.count(1)
_run = random.randrange(1, 250)


def unique_email(name: str = "member") -> str:
    return f"{name}-{uuid.uuid4().hex[:10]}@example.org"


def unique_ip() -> str:
    """An IP address no other test of this run uses (10.<run>.x.y)."""
    n = next(_addresses)
    return f"10.{_run}.{n // 250}.{n % 250 + 1}"


def visitor(**headers) -> Client:
    """A browser on an address of its own, so rate limits are counted apart."""
    return Client(REMOTE_ADDR=unique_ip(), **headers)


def verified_member(email: str | None = None, password: str = PASSWORD, **fields) -> User:
    """A member who joined and confirmed their address, as the sign-up flow leaves them."""
    user = User.objects.create_user(email=email or unique_email(), password=password, **fields)
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    return user


def sign_in(client: Client, email: str, password: str = PASSWORD):
    return client.post("/accounts/login/", {"login": email, "password": password})


def link_in(message: mail.EmailMessage) -> str:
    """The path of the first link to this site in an e-mail's text."""
    match = re.search(r"https?://[^/\s]+(/\S+)", message.body)
    assert match, f"no link in the e-mail:\n{message.body}"
    return match.group(1)


def signed_in_user_id(client: Client) -> int | None:
    value = client.session.get("_auth_user_id")
    return int(value) if value else None
