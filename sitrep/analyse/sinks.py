"""Where `sitrep watch` sends surge alerts: a webhook (a JSON POST), a file (JSON Lines,
appended) or e-mail through an SMTP server the user names. `alert_message` makes the one
message every sink sends: the alert's numbers, a line saying it, and a link to its events in
the dashboard. `send` retries with backoff and never raises: a failing sink is one logged line.

    sinks = [WebhookSink("http://127.0.0.1:9000/hook"), FileSink(Path("alerts.jsonl"))]
    for sink in sinks:
        send(sink, alert_message(alert, "http://127.0.0.1:8000/"), log=print)
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import smtplib
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any, Protocol

from sitrep.analyse.alerts import Alert
from sitrep.analyse.periods import next_start
from sitrep.errors import printable

ATTEMPTS = 3
BACKOFF_S = 2.0  # before the second attempt; doubled before each next one
TIMEOUT_S = 10.0
# The dashboard's URL parameter that filters events as each alert dimension groups them.
DASHBOARD_PARAM = {
    "country": "country",
    "admin1": "admin1",
    "actor": "actor",
    "claimant": "claimed_by",
    "type": "type",
    "sub_type": "type",
}

Message = dict[str, Any]


class Sink(Protocol):
    @property
    def name(self) -> str:
        """What the sink is called in logs and in the store's record of sent alerts."""

    def deliver(self, message: Message) -> None:
        """Send once; raise on failure (any exception)."""


def alert_key(alert: Alert) -> str:
    """What makes an alert the same alert: its series and period (a count that grows during
    the period is not sent again)."""
    return f"{alert.dimension}={alert.value}@{alert.period}"


def dashboard_link(alert: Alert, base: str | None) -> str | None:
    """The dashboard's event list for the alert's series and period, under `base` (the URL
    `sitrep serve` answers at)."""
    if not base:
        return None
    until = next_start(alert.start, _period_name(alert.period)) - dt.timedelta(days=1)
    query = {
        DASHBOARD_PARAM.get(alert.dimension, "text"): alert.value,
        "since": alert.start.isoformat(),
        "until": until.isoformat(),
    }
    return f"{base.rstrip('/')}/?{urllib.parse.urlencode(query)}"


def _period_name(label: str) -> str:
    """The period of a label (periods.period_label): 2020-W03 a week, 2020-01 a month, 2020 a year."""
    return "week" if "W" in label else "month" if "-" in label else "year"


def alert_message(alert: Alert, dashboard: str | None = None) -> Message:
    numbers = alert.to_dict()
    text = (
        f"Surge: {alert.value} ({alert.dimension}): {alert.count} events in {alert.period}"
        f"{' (so far)' if alert.partial else ''} against {alert.baseline_mean:.1f} per period over the "
        f"{alert.baseline_periods} before; {alert.fatalities} killed; p = {alert.p_value:.2g}"
    )
    return {"key": alert_key(alert), "text": text, "link": dashboard_link(alert, dashboard), "alert": numbers}


@dataclass(frozen=True)
class WebhookSink:
    url: str
    timeout: float = TIMEOUT_S

    @property
    def name(self) -> str:
        """The host and a digest of the URL: a webhook's path often holds its secret, and the
        name is logged, stored and shown by the API."""
        digest = hashlib.sha256(self.url.encode()).hexdigest()[:8]
        return f"webhook {urllib.parse.urlsplit(self.url).hostname or '?'} #{digest}"

    def deliver(self, message: Message) -> None:
        body = json.dumps(message, ensure_ascii=False).encode()
        request = urllib.request.Request(
            self.url, data=body, method="POST", headers={"Content-Type": "application/json; charset=utf-8"}
        )
        with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 - the user's URL
            response.read(64 * 1024)


@dataclass(frozen=True)
class FileSink:
    path: Path

    @property
    def name(self) -> str:
        return f"file {self.path}"

    def deliver(self, message: Message) -> None:
        with self.path.open("a", encoding="utf-8") as f:
            f.write(json.dumps(message, ensure_ascii=False) + "\n")


# How the mail sink talks to its server: "plain" (no encryption: a local relay), "starttls" (it
# upgrades the connection, port 587) or "tls" (encrypted from the start, port 465).
MAIL_SECURITY = ("plain", "starttls", "tls")
SMTP_USER_ENV, SMTP_PASSWORD_ENV = "SITREP_SMTP_USER", "SITREP_SMTP_PASSWORD"
LOOPBACK = ("127.0.0.1", "::1", "localhost")


def default_security(port: int) -> str:
    """The usual security of a port: 465 TLS, 587 STARTTLS, others (25, a local relay) plain."""
    return {465: "tls", 587: "starttls"}.get(port, "plain")


@dataclass(frozen=True)
class MailSink:
    """E-mail through an SMTP server; with `user`, it logs in (its password is never logged, nor
    shown: not in the name, not in the repr). Over "plain", a login is refused unless the
    server is this machine: the password would cross the network in the clear."""

    host: str
    port: int
    to: tuple[str, ...]
    sender: str
    timeout: float = TIMEOUT_S
    security: str = "plain"
    user: str | None = None
    password: str | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.security not in MAIL_SECURITY:
            raise ValueError(f"mail security {self.security!r}: choose from {', '.join(MAIL_SECURITY)}")
        if self.user and self.security == "plain" and self.host not in LOOPBACK:
            raise ValueError(
                f"logging in to {self.host} without TLS would send the password in the clear: "
                "use STARTTLS or TLS (port 587 or 465)"
            )

    @property
    def name(self) -> str:
        return f"mail to {', '.join(self.to)}"

    def deliver(self, message: Message) -> None:
        mail = EmailMessage()
        mail["Subject"] = f"[sitrep] {message['text']}"[:200]
        mail["From"] = self.sender
        mail["To"] = ", ".join(self.to)
        link = f"\n\nEvents in the dashboard: {message['link']}" if message.get("link") else ""
        numbers = json.dumps(message["alert"], ensure_ascii=False, indent=2)
        mail.set_content(f"{message['text']}{link}\n\n{numbers}\n")
        with self._connect() as smtp:
            if self.user:
                _login(smtp, self.user, self.password or "")
            smtp.send_message(mail)

    def _connect(self) -> smtplib.SMTP:
        """A connection, encrypted as `security` says, the server's certificate checked against
        the system's authorities ($SSL_CERT_FILE names others)."""
        if self.security == "tls":
            return smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout, context=ssl.create_default_context())
        smtp = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        if self.security == "starttls":
            try:
                smtp.starttls(context=ssl.create_default_context())
            except BaseException:
                smtp.close()
                raise
        return smtp


def _login(smtp: smtplib.SMTP, user: str, password: str) -> None:
    """smtplib's login, which sends ASCII only; a name or password beyond it goes as UTF-8 through
    AUTH PLAIN (RFC 4616), the mechanism every server that takes one offers."""
    if (user + password).isascii():
        smtp.login(user, password)
        return
    smtp.ehlo_or_helo_if_needed()
    if "PLAIN" not in smtp.esmtp_features.get("auth", "").upper().split():
        raise smtplib.SMTPNotSupportedError("the server offers no AUTH PLAIN, which a non-ASCII login needs")
    token = base64.b64encode(f"\0{user}\0{password}".encode()).decode("ascii")
    code, answer = smtp.docmd("AUTH", f"PLAIN {token}")
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, answer)


def send(
    sink: Sink,
    message: Message,
    log: Callable[[str], None],
    attempts: int = ATTEMPTS,
    backoff: float = BACKOFF_S,
    wait: Callable[[float], object] = time.sleep,
) -> bool:
    """Deliver with retries (backoff, then twice as long each time); False, and one logged
    line, when every attempt failed. Never raises for the sink's failure."""
    delay = backoff
    for attempt in range(1, attempts + 1):
        try:
            sink.deliver(message)
            return True
        except Exception as e:  # noqa: BLE001 - a failing sink must never stop the loop
            reason = _reason(e)
        if attempt < attempts:
            wait(delay)
            delay *= 2
    log(f"alert {message['key']} not sent to {sink.name} after {attempts} attempt(s): {reason}")
    return False


def _reason(e: Exception) -> str:
    if isinstance(e, urllib.error.HTTPError):
        return f"HTTP {e.code}"
    if isinstance(e, urllib.error.URLError):
        e = e.reason if isinstance(e.reason, Exception) else e
    text = str(e).strip() or type(e).__name__
    return printable(f"{type(e).__name__}: {text.splitlines()[0]}")
