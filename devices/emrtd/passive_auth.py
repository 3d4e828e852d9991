"""Passive authentication (ICAO 9303-11 §5.1): are the data groups genuine?

1. every data group read is hashed and compared with EF.SOD's LDS security object;
2. the CMS signature over it is checked with the Document Signer certificate (DSC)
   carried in EF.SOD (ECDSA, plain ECDSA, RSA PKCS#1 v1.5 and RSA-PSS);
3. the MRZ issuing state must match the country (C) of the DSC and of its CSCA
   (alpha-3 in the MRZ, alpha-2 in certificates: `devices.emrtd.countries`);
4. the DSC must be issued by a CSCA of the trust store, with both valid now.

Verdicts: FAILED ("failed: <why>") when the data or the signature are wrong or
the countries disagree; SIGNER_NOT_TRUSTED when all of that holds but the DSC
does not chain to the trust store (or there is none); VERIFIED otherwise.
CRLs are not checked (the kiosk has no CRL source yet).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import UTC, datetime

from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from cryptography.x509.oid import NameOID

from devices.emrtd.countries import alpha2_of
from devices.emrtd.errors import SodError
from devices.emrtd.sod import OID_LDS_SECURITY_OBJECT, SecurityObject, SignerInfo, parse_sod
from devices.emrtd.trust_store import TrustStore
from devices.identity import Authenticity, Verdict

_HASHES: dict[str, type[hashes.HashAlgorithm]] = {
    "sha1": hashes.SHA1,
    "sha224": hashes.SHA224,
    "sha256": hashes.SHA256,
    "sha384": hashes.SHA384,
    "sha512": hashes.SHA512,
}


def _failed(why: str) -> Authenticity:
    return Authenticity(Verdict.FAILED, f"failed: {why}")


def _digest(name: str, data: bytes) -> bytes:
    if name not in _HASHES:
        raise SodError(f"unsupported hash algorithm {name}")
    return hashlib.new(name, data).digest()


def verify_document(
    sod_bytes: bytes | None,
    data_groups: Mapping[int, bytes],
    issuing_state: str,
    trust_store: TrustStore | None,
    *,
    now: datetime | None = None,
) -> Authenticity:
    """Passive authentication of the data groups read; never raises."""
    if sod_bytes is None:
        return _failed("the chip has no EF.SOD, so its data cannot be authenticated")
    try:
        sod = parse_sod(sod_bytes)
        return _verify(sod, data_groups, issuing_state, trust_store, now or datetime.now(UTC))
    except SodError as exc:
        return _failed(f"EF.SOD unusable: {exc}")
    except ValueError as exc:  # cryptography: a malformed certificate or key
        return _failed(f"EF.SOD certificate unusable: {exc}")


def _verify(
    sod: SecurityObject,
    data_groups: Mapping[int, bytes],
    issuing_state: str,
    trust_store: TrustStore | None,
    now: datetime,
) -> Authenticity:
    for number in sorted(data_groups):
        expected = sod.dg_hashes.get(number)
        if expected is None:
            return _failed(f"DG{number} is not listed in EF.SOD")
        if _digest(sod.hash_algorithm, data_groups[number]) != expected:
            return _failed(f"DG{number} hash does not match EF.SOD")

    signer = sod.signer
    dsc = _signer_certificate(sod)
    if dsc is None:
        return _failed("EF.SOD does not carry its Document Signer certificate")
    if signer.content_type is not None and signer.content_type != OID_LDS_SECURITY_OBJECT:
        return _failed("EF.SOD signed content-type attribute is not the LDS security object")
    if signer.message_digest is not None:
        if _digest(signer.digest_algorithm, sod.content) != signer.message_digest:
            return _failed("EF.SOD message digest does not match its security object")
    elif signer.signed_data != sod.content:
        return _failed("EF.SOD has no message digest attribute")
    try:
        _check_signature(dsc.public_key(), signer)
    except (InvalidSignature, UnsupportedAlgorithm, ValueError, TypeError):
        return _failed("EF.SOD signature does not verify with its Document Signer certificate")

    state_alpha2 = alpha2_of(issuing_state)
    dsc_country = _country(dsc)
    if state_alpha2 is None:
        return Authenticity(
            Verdict.SIGNER_NOT_TRUSTED,
            f"hashes match but issuing state {issuing_state!r} has no known alpha-2 code "
            "to check the signer's country",
        )
    if dsc_country != state_alpha2:
        return _failed(
            f"issuing state {issuing_state} ({state_alpha2}) does not match the "
            f"Document Signer's country {dsc_country or 'none'}"
        )
    return _trust(dsc, state_alpha2, trust_store, now)


def _trust(
    dsc: x509.Certificate, state_alpha2: str, trust_store: TrustStore | None, now: datetime
) -> Authenticity:
    subject = dsc.subject.rfc4514_string()
    if trust_store is None:
        return Authenticity(
            Verdict.SIGNER_NOT_TRUSTED, "hashes match but no CSCA trust store is configured"
        )
    for csca in trust_store.anchors:
        if csca.subject != dsc.issuer:
            continue
        try:
            dsc.verify_directly_issued_by(csca)
        except (InvalidSignature, ValueError, TypeError, UnsupportedAlgorithm):
            continue
        csca_country = _country(csca)
        if csca_country != state_alpha2:
            return _failed(
                f"issuing state ({state_alpha2}) does not match the CSCA's country "
                f"{csca_country or 'none'}"
            )
        for cert, role in ((csca, "CSCA"), (dsc, "Document Signer")):
            if not cert.not_valid_before_utc <= now <= cert.not_valid_after_utc:
                return Authenticity(
                    Verdict.SIGNER_NOT_TRUSTED,
                    f"hashes match but the {role} certificate is not valid now",
                )
        return Authenticity(
            Verdict.VERIFIED,
            f"signed by {subject}, issued by trusted CSCA {csca.subject.rfc4514_string()}",
        )
    return Authenticity(
        Verdict.SIGNER_NOT_TRUSTED,
        f"hashes match but signer not trusted: no CSCA in {trust_store.path} issued {subject}",
    )


def _country(cert: x509.Certificate) -> str:
    values = cert.subject.get_attributes_for_oid(NameOID.COUNTRY_NAME)
    return str(values[0].value).upper() if values else ""


def _signer_certificate(sod: SecurityObject) -> x509.Certificate | None:
    signer = sod.signer
    for cert, asn1_cert in zip(sod.certificates, sod.asn1_certificates, strict=True):
        if signer.subject_key_identifier is not None:
            if asn1_cert.key_identifier == signer.subject_key_identifier:
                return cert
        elif (
            signer.serial_number == asn1_cert.serial_number
            and signer.issuer_der is not None
            and asn1_cert.issuer.dump() == signer.issuer_der
        ):
            return cert
    return None


def _check_signature(public_key: object, signer: SignerInfo) -> None:
    hash_name = signer.signature_hash or signer.digest_algorithm
    if hash_name not in _HASHES:
        raise UnsupportedAlgorithm(f"hash {hash_name}")
    algorithm = _HASHES[hash_name]()
    data, signature = signer.signed_data, signer.signature
    if isinstance(public_key, ec.EllipticCurvePublicKey):
        if signer.signature_algorithm == "ecdsa_plain":
            half = len(signature) // 2
            signature = encode_dss_signature(
                int.from_bytes(signature[:half], "big"), int.from_bytes(signature[half:], "big")
            )
        elif signer.signature_algorithm != "ecdsa":
            raise UnsupportedAlgorithm(signer.signature_algorithm)
        public_key.verify(signature, data, ec.ECDSA(algorithm))
    elif isinstance(public_key, rsa.RSAPublicKey):
        if signer.signature_algorithm == "rsassa_pss":
            salt = signer.pss_salt_length if signer.pss_salt_length is not None else 20
            pad: padding.AsymmetricPadding = padding.PSS(padding.MGF1(algorithm), salt)
        elif signer.signature_algorithm == "rsassa_pkcs1v15":
            pad = padding.PKCS1v15()
        else:
            raise UnsupportedAlgorithm(signer.signature_algorithm)
        public_key.verify(signature, data, pad, algorithm)
    else:
        raise UnsupportedAlgorithm("Document Signer key is neither EC nor RSA")
