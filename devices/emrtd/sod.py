"""EF.SOD: the CMS SignedData over the LDS security object (ICAO 9303-10 §4.6.2).

Parsing only (asn1crypto); `devices.emrtd.passive_auth` does the checking.
Anything malformed, whatever the asn1crypto exception, becomes `SodError`.
"""

from __future__ import annotations

from dataclasses import dataclass

from asn1crypto import algos, cms, core
from asn1crypto import x509 as asn1_x509
from cryptography import x509

from devices.emrtd import tlv
from devices.emrtd.errors import SodError, TlvError

OID_LDS_SECURITY_OBJECT = "2.23.136.1.1.1"
_PLAIN_ECDSA = {
    "0.4.0.127.0.7.1.1.4.1.1": "sha1",
    "0.4.0.127.0.7.1.1.4.1.2": "sha224",
    "0.4.0.127.0.7.1.1.4.1.3": "sha256",
    "0.4.0.127.0.7.1.1.4.1.4": "sha384",
    "0.4.0.127.0.7.1.1.4.1.5": "sha512",
}


class _DataGroupHash(core.Sequence):  # type: ignore[misc]  # asn1crypto has no stubs
    _fields = [
        ("data_group_number", core.Integer),
        ("data_group_hash_value", core.OctetString),
    ]


class _DataGroupHashValues(core.SequenceOf):  # type: ignore[misc]  # asn1crypto has no stubs
    _child_spec = _DataGroupHash


class _LdsVersionInfo(core.Sequence):  # type: ignore[misc]  # asn1crypto has no stubs
    _fields = [
        ("lds_version", core.PrintableString),
        ("unicode_version", core.PrintableString),
    ]


class _LdsSecurityObject(core.Sequence):  # type: ignore[misc]  # asn1crypto has no stubs
    """ICAO 9303-10: LDSSecurityObject (v0, or v1 with ldsVersionInfo)."""

    _fields = [
        ("version", core.Integer),
        ("hash_algorithm", algos.DigestAlgorithm),
        ("data_group_hash_values", _DataGroupHashValues),
        ("lds_version_info", _LdsVersionInfo, {"optional": True}),
    ]


@dataclass(frozen=True, slots=True)
class SignerInfo:
    """The one SignerInfo of an EF.SOD, reduced to what verification needs."""

    digest_algorithm: str
    signature_algorithm: str
    signature_hash: str | None
    pss_salt_length: int | None
    signature: bytes
    signed_data: bytes
    message_digest: bytes | None
    content_type: str | None
    issuer_der: bytes | None
    serial_number: int | None
    subject_key_identifier: bytes | None


@dataclass(frozen=True, slots=True)
class SecurityObject:
    """A parsed EF.SOD."""

    hash_algorithm: str
    dg_hashes: dict[int, bytes]
    content: bytes
    content_type: str
    signer: SignerInfo
    certificates: tuple[x509.Certificate, ...]
    asn1_certificates: tuple[asn1_x509.Certificate, ...]


def parse_sod(data: bytes) -> SecurityObject:
    """Parse EF.SOD (tag 77 around a ContentInfo)."""
    try:
        content_info_der = tlv.unwrap(data, 0x77)
    except TlvError as exc:
        raise SodError(f"EF.SOD is not a 77 TLV: {exc}") from exc
    try:
        return _parse(content_info_der)
    except SodError:
        raise
    except Exception as exc:  # asn1crypto raises ValueError/TypeError/KeyError/...
        raise SodError(f"EF.SOD is not a valid CMS SignedData: {exc}") from exc


def _parse(der: bytes) -> SecurityObject:
    info = cms.ContentInfo.load(der, strict=True)
    if info["content_type"].native != "signed_data":
        raise SodError(f"EF.SOD content type is {info['content_type'].native}")
    signed = info["content"]
    encap = signed["encap_content_info"]
    content_type = encap["content_type"].dotted
    if content_type != OID_LDS_SECURITY_OBJECT:
        raise SodError(f"EF.SOD encapsulates {content_type}, not an LDS security object")
    content = encap["content"].native
    if not isinstance(content, bytes):
        raise SodError("EF.SOD has no encapsulated content")
    lds = _LdsSecurityObject.load(content, strict=True)
    hash_algorithm = str(lds["hash_algorithm"]["algorithm"].native)
    dg_hashes: dict[int, bytes] = {}
    for entry in lds["data_group_hash_values"]:
        number = int(entry["data_group_number"].native)
        if number in dg_hashes:
            raise SodError(f"EF.SOD lists DG{number} twice")
        dg_hashes[number] = bytes(entry["data_group_hash_value"].native)
    asn1_certs: list[asn1_x509.Certificate] = []
    certs: list[x509.Certificate] = []
    for choice in signed["certificates"] or []:
        if choice.name != "certificate":
            continue
        cert = choice.chosen
        asn1_certs.append(cert)
        parsed = x509.load_der_x509_certificate(cert.dump())
        # cryptography parses lazily: touch what verification uses so that a
        # malformed certificate fails here, as SodError, not later
        _ = (parsed.subject, parsed.issuer, parsed.public_key(), parsed.extensions)
        certs.append(parsed)
    signer_infos = signed["signer_infos"]
    if len(signer_infos) != 1:
        raise SodError(f"EF.SOD has {len(signer_infos)} signer infos, expected 1")
    return SecurityObject(
        hash_algorithm=hash_algorithm,
        dg_hashes=dg_hashes,
        content=content,
        content_type=content_type,
        signer=_signer(signer_infos[0], content),
        certificates=tuple(certs),
        asn1_certificates=tuple(asn1_certs),
    )


def _signer(info: cms.SignerInfo, content: bytes) -> SignerInfo:
    sid = info["sid"]
    issuer_der: bytes | None = None
    serial: int | None = None
    ski: bytes | None = None
    if sid.name == "issuer_and_serial_number":
        issuer_der = sid.chosen["issuer"].dump()
        serial = int(sid.chosen["serial_number"].native)
    else:
        ski = bytes(sid.chosen.native)
    digest_algorithm = str(info["digest_algorithm"]["algorithm"].native)
    sig_alg = info["signature_algorithm"]
    oid = sig_alg["algorithm"].dotted
    signature_hash: str | None = None
    if oid in _PLAIN_ECDSA:
        # BSI TR-03111 ecdsa-plain-*: r || s instead of a DER SEQUENCE
        signature_algorithm, signature_hash = "ecdsa_plain", _PLAIN_ECDSA[oid]
    else:
        signature_algorithm = str(sig_alg.signature_algo)
        try:
            signature_hash = str(sig_alg.hash_algo)
        except ValueError:  # "rsassa_pkcs1v15"/"ecdsa" without a hash in the OID
            signature_hash = None
    salt: int | None = None
    if signature_algorithm == "rsassa_pss":
        params = sig_alg["parameters"]
        signature_hash = str(params["hash_algorithm"]["algorithm"].native)
        salt = int(params["salt_length"].native)
    message_digest: bytes | None = None
    content_type: str | None = None
    signed_attrs = info["signed_attrs"]
    if signed_attrs.native is not None and len(signed_attrs):
        for attribute in signed_attrs:
            kind = attribute["type"].native
            values = attribute["values"]
            if kind == "message_digest":
                message_digest = bytes(values[0].native)
            elif kind == "content_type":
                content_type = values[0].dotted
        # The signature covers the DER of the attributes as a SET OF (tag 31),
        # not as they are carried here with the implicit [0] tag (RFC 5652 §5.4).
        der = signed_attrs.dump()
        signed_data = b"\x31" + der[1:]
    else:
        signed_data = content
    return SignerInfo(
        digest_algorithm=digest_algorithm,
        signature_algorithm=signature_algorithm,
        signature_hash=signature_hash,
        pss_salt_length=salt,
        signature=bytes(info["signature"].native),
        signed_data=signed_data,
        message_digest=message_digest,
        content_type=content_type,
        issuer_der=issuer_der,
        serial_number=serial,
        subject_key_identifier=ski,
    )
