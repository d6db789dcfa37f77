"""Whether our own mail server vouched for a mail's sender (Authentication-Results, RFC 8601).

Anyone can write any From address. A customer's forged mail can only reach that customer's own
tickets, but one forged in the name of our staff or a partner's technician would post official
replies on any ticket it names. So when MAIL_TRUSTED_AUTHSERV_IDS names the servers that check our
incoming mail, staff and partners act by mail only when the topmost Authentication-Results header
(the one the last server added; it must drop any earlier one claiming its name, RFC 8601 section 5)
comes from such a server and reports a DMARC, DKIM or SPF pass for the From address's domain.
"""

from __future__ import annotations

import re

from django.conf import settings

from .parsed import ParsedMail

_COMMENT = re.compile(r"\([^()]*\)")
# Properties naming the domain a passing method vouched for, per method.
_DOMAIN_OF = {
    "dmarc": ("header.from",),
    "dkim": ("header.d", "header.i"),
    "spf": ("smtp.mailfrom", "smtp.helo"),
}


def trusted_servers() -> set[str]:
    return {name.strip().lower() for name in settings.MAIL_TRUSTED_AUTHSERV_IDS if name.strip()}


def passed_domains(header: str, trusted: set[str]) -> set[str]:
    """The domains an Authentication-Results value reports a pass for, if a trusted server wrote it."""
    parts = [part.strip() for part in _COMMENT.sub(" ", header or "").split(";")]
    if not parts or not parts[0] or parts[0].split()[0].lower() not in trusted:
        return set()
    domains: set[str] = set()
    for part in parts[1:]:
        tokens = part.split()
        if not tokens or "=" not in tokens[0]:
            continue
        method, _eq, result = tokens[0].lower().partition("=")
        if result != "pass" or method not in _DOMAIN_OF:
            continue
        for token in tokens[1:]:
            name, _eq, value = token.partition("=")
            if name.lower() in _DOMAIN_OF[method] and value:
                domains.add(value.strip('"').rpartition("@")[2].lower().rstrip("."))
    return domains - {""}


def _aligned(domain: str, vouched: str) -> bool:
    return domain == vouched or domain.endswith("." + vouched) or vouched.endswith("." + domain)


def sender_vouched_for(mail: ParsedMail) -> bool:
    """True when a trusted server vouched for the From domain, or when none is named (then every
    From is taken as written, as a mail program would)."""
    trusted = trusted_servers()
    if not trusted:
        return True
    domain = mail.from_address.rpartition("@")[2]
    vouched = passed_domains(mail.headers.get("authentication-results", ""), trusted)
    return bool(domain) and any(_aligned(domain, name) for name in vouched)
