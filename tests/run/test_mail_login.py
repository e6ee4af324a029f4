"""The mail sink's login and encryption, against real SMTP servers on 127.0.0.1 (aiosmtpd) that
demand a login: AUTH over a plain connection to this machine, STARTTLS and TLS with a throwaway
certificate (made by the openssl command), the password from the sink or $SITREP_SMTP_PASSWORD
and never in a log line, a message or an error; a plain login to another host refused."""

from __future__ import annotations

import json
import shutil
import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import Any

import pytest
from click.testing import CliRunner

from sitrep.analyse.sinks import MailSink, send
from sitrep.cli import main
from tests.run.sites import ARTICLES, free_port

pytest.importorskip("aiosmtpd", reason="the mail tests need aiosmtpd (pip install -e '.[test]')")

USER, PASSWORD = "desk", "s3cret-Pässword"
# aiosmtpd warns of what the plain server is for, AUTH without TLS (here over 127.0.0.1 only),
# and of a server encrypted from the start, whose TLS it does not see.
PLAIN_AUTH = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")
MESSAGE = {"key": "country=Mali@2021-W15", "text": "Surge: Mali", "link": None, "alert": {"count": 5}}


class LoginServer:
    """An SMTP server on 127.0.0.1 that takes mail only after AUTH as USER with PASSWORD; with a
    certificate, only over STARTTLS (`starttls`) or TLS from the start (`tls`)."""

    def __init__(self, security: str = "plain", cert: tuple[Path, Path] | None = None) -> None:
        from aiosmtpd.controller import Controller

        self.messages: list[Any] = []
        self.logins: list[tuple[str, bytes]] = []
        self.port = free_port()
        kwargs: dict[str, Any] = {"authenticator": self.authenticate, "auth_required": True}
        # aiosmtpd counts STARTTLS as TLS, not a connection encrypted from the start.
        kwargs["auth_require_tls"] = security == "starttls"
        if security != "plain":
            assert cert is not None
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(*cert)
            kwargs |= (
                {"ssl_context": context} if security == "tls" else {"tls_context": context, "require_starttls": True}
            )
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port, **kwargs)

    def authenticate(self, server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> Any:
        from aiosmtpd.smtp import AuthResult, LoginPassword

        ok = isinstance(data, LoginPassword) and (data.login, data.password) == (USER.encode(), PASSWORD.encode())
        self.logins.append((mechanism, getattr(data, "login", b"")))
        return AuthResult(success=ok, handled=False)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(envelope)
        return "250 OK"

    def __enter__(self) -> LoginServer:
        self.controller.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None) -> None:
        self.controller.stop()


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and its key, made for these tests."""
    if shutil.which("openssl") is None:
        pytest.skip("the TLS mail tests make their certificate with the openssl command")
    folder = tmp_path_factory.mktemp("cert")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert)]
        + ["-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True,
        capture_output=True,
    )
    return cert, key


@pytest.fixture
def trusted(certificate: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The throwaway certificate is the authority the client trusts (as $SSL_CERT_FILE)."""
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))
    yield


def sink(port: int, **kwargs: Any) -> MailSink:
    return MailSink("127.0.0.1", port, ("analyst@example.org",), "sitrep@example.org", timeout=5.0, **kwargs)


def sent(mail: MailSink) -> tuple[bool, list[str]]:
    lines: list[str] = []
    return send(mail, MESSAGE, lines.append, attempts=1), lines


@PLAIN_AUTH
def test_a_login_over_a_plain_connection_to_this_machine() -> None:
    with LoginServer() as server:
        assert sent(sink(server.port, user=USER, password=PASSWORD)) == (True, [])
        assert [login for _, login in server.logins] == [USER.encode()] and len(server.messages) == 1
        ok, lines = sent(sink(server.port, user=USER, password="wrong-" + PASSWORD))
        assert not ok and "535" in lines[0] and PASSWORD not in lines[0]
        ok, lines = sent(sink(server.port))  # no login: the server takes no mail
        assert not ok and "530" in lines[0]
    assert len(server.messages) == 1


def test_the_password_is_not_shown() -> None:
    mail = sink(25, user=USER, password=PASSWORD)
    assert PASSWORD not in repr(mail) and PASSWORD not in mail.name


def test_a_plain_login_to_another_host_is_refused() -> None:
    with pytest.raises(ValueError, match="in the clear"):
        MailSink("mail.example.org", 25, ("a@example.org",), "b@example.org", user=USER, password=PASSWORD)


@PLAIN_AUTH
@pytest.mark.usefixtures("trusted")
@pytest.mark.parametrize("security", ["starttls", "tls"])
def test_a_login_over_starttls_and_tls(certificate: tuple[Path, Path], security: str) -> None:
    with LoginServer(security, certificate) as server:
        assert sent(sink(server.port, security=security, user=USER, password=PASSWORD)) == (True, [])
        assert len(server.messages) == 1
        if security == "starttls":  # the server takes no login before STARTTLS
            ok, lines = sent(sink(server.port, security="plain", user=USER, password=PASSWORD))
            assert not ok and PASSWORD not in lines[0]
    assert len(server.messages) == 1


@PLAIN_AUTH
@pytest.mark.parametrize("security", ["starttls", "tls"])
def test_a_certificate_the_client_does_not_trust_is_refused(certificate: tuple[Path, Path], security: str) -> None:
    with LoginServer(security, certificate) as server:
        ok, lines = sent(sink(server.port, security=security, user=USER, password=PASSWORD))
    assert not ok and "CERTIFICATE_VERIFY_FAILED" in lines[0] and server.messages == [] and server.logins == []


def wire(tmp_path: Path) -> str:
    """Six Afghan reports in a week: a surge alert for `watch --once` to send."""
    lines = tmp_path / "wire.jsonl"
    records = [{"id": n, "published": ARTICLES[n][0], "text": ARTICLES[n][1]} for n in list(ARTICLES)[:6]]
    lines.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(lines)


@pytest.mark.usefixtures("trusted")
def test_watch_logs_in_with_the_password_from_the_environment(
    certificate: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SITREP_SMTP_PASSWORD", PASSWORD)
    with LoginServer("starttls", certificate) as server:
        args = ["watch", wire(tmp_path), "--once", "--db", str(tmp_path / "store.db")]
        args += ["--smtp", f"{USER}@127.0.0.1:{server.port}", "--smtp-security", "starttls"]
        result = CliRunner().invoke(main, [*args, "--mail-to", "desk@example.org", "--mail-from", "sitrep@example.org"])
    assert result.exit_code == 0, result.output
    assert "1 alert message(s) sent" in result.stderr and PASSWORD not in result.output
    assert len(server.messages) == 1 and server.logins == [("PLAIN", USER.encode())]  # UTF-8: AUTH PLAIN


@pytest.mark.parametrize(
    ("smtp", "message"),
    [
        (f"{USER}:{PASSWORD}@mail.example.org:25", "would send the password in the clear"),
        (f"{USER}@127.0.0.1:25", "needs a password: set $SITREP_SMTP_PASSWORD"),
        (f"{USER}:{PASSWORD}@mail.example.org", "give HOST:PORT"),
    ],
)
def test_the_command_refuses_an_unsafe_or_incomplete_login(
    smtp: str, message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SITREP_SMTP_PASSWORD", raising=False)
    args = ["watch", wire(tmp_path), "--once", "--db", str(tmp_path / "store.db"), "--smtp", smtp]
    result = CliRunner().invoke(main, [*args, "--mail-to", "a@example.org", "--mail-from", "b@example.org"])
    assert result.exit_code == 2 and message in result.stderr and PASSWORD not in result.output
