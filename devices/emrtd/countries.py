"""ICAO 9303 three-letter issuing-state codes -> ISO 3166-1 alpha-2 (certificate C).

Used to check that the MRZ's issuing state matches the country of the CSCA and
Document Signer. ICAO codes that are not ISO 3166 alpha-3 are listed explicitly:
``D`` (Germany), ``UTO`` (Utopia, the ICAO specimen state; its test CSCA uses
``UT``), and the Chinese SARs/Taiwan codes.
"""

from __future__ import annotations

ALPHA3_TO_ALPHA2: dict[str, str] = {
    # ICAO-specific and Chinese travel-document issuers
    "D": "DE", "UTO": "UT", "CHN": "CN", "HKG": "HK", "MAC": "MO", "TWN": "TW",
    # common issuers at a Chinese service centre
    "DEU": "DE", "GBR": "GB", "USA": "US", "FRA": "FR", "JPN": "JP", "KOR": "KR",
    "PRK": "KP", "SGP": "SG", "AUS": "AU", "CAN": "CA", "NLD": "NL", "ITA": "IT",
    "ESP": "ES", "RUS": "RU", "IND": "IN", "MYS": "MY", "THA": "TH", "VNM": "VN",
    "NZL": "NZ", "IDN": "ID", "PHL": "PH", "PAK": "PK", "BGD": "BD", "MNG": "MN",
    "KAZ": "KZ", "UZB": "UZ", "LAO": "LA", "KHM": "KH", "MMR": "MM", "NPL": "NP",
    "LKA": "LK", "ARE": "AE", "SAU": "SA", "TUR": "TR", "ISR": "IL", "EGY": "EG",
    "ZAF": "ZA", "NGA": "NG", "KEN": "KE", "ETH": "ET", "BRA": "BR", "ARG": "AR",
    "MEX": "MX", "CHL": "CL", "PER": "PE", "COL": "CO", "AUT": "AT", "BEL": "BE",
    "CHE": "CH", "DNK": "DK", "FIN": "FI", "GRC": "GR", "HUN": "HU", "IRL": "IE",
    "NOR": "NO", "POL": "PL", "PRT": "PT", "SWE": "SE", "CZE": "CZ", "UKR": "UA",
}  # fmt: skip


def alpha2_of(issuing_state: str) -> str | None:
    """The alpha-2 code for an MRZ issuing state, or None if unknown."""
    return ALPHA3_TO_ALPHA2.get(issuing_state.replace("<", "").strip().upper())
