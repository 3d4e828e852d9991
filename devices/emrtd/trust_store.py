"""The CSCA trust store: a directory (or one file) of PEM/DER CSCA certificates.

The path comes from configuration. Only CA certificates (basicConstraints
CA:TRUE) are taken as trust anchors, so pointing it at a folder that also holds
Document Signer certificates or keys (as the devstack's test PKI folder does)
does not make those trusted. Unreadable files are skipped and listed in
``problems``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509

_SUFFIXES = {".pem", ".crt", ".cer", ".der"}


@dataclass(frozen=True, slots=True)
class TrustStore:
    """CSCA certificates loaded from ``path``."""

    path: Path
    anchors: tuple[x509.Certificate, ...]
    problems: tuple[str, ...] = field(default=())

    @classmethod
    def load(cls, path: Path) -> TrustStore:
        files = [path] if path.is_file() else sorted(p for p in path.glob("*") if p.is_file())
        anchors: list[x509.Certificate] = []
        problems: list[str] = []
        if not path.exists():
            problems.append(f"{path} does not exist")
        for file in files:
            if file.suffix.lower() not in _SUFFIXES and file != path:
                continue
            try:
                for cert in _certificates(file.read_bytes()):
                    if _is_ca(cert):
                        anchors.append(cert)
            except (OSError, ValueError) as exc:
                problems.append(f"{file.name}: {exc}")
        return cls(path, tuple(anchors), tuple(problems))


def _certificates(raw: bytes) -> list[x509.Certificate]:
    if b"-----BEGIN" in raw:
        if b"-----BEGIN CERTIFICATE-----" not in raw:
            return []  # a key or CSR in the folder
        return x509.load_pem_x509_certificates(raw)
    return [x509.load_der_x509_certificate(raw)]


def _is_ca(cert: x509.Certificate) -> bool:
    try:
        return bool(cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca)
    except x509.ExtensionNotFound:
        return False
