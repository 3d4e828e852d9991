"""`SdkResidentIdReader`: the vendor SDK shared library, driven through ctypes.

Most readers ship a vendor library (``sdtapi.dll`` from Routon/Shensi-style
SDKs, ``termb.dll`` / ``libtermb.so`` from CVR-style SDKs). Besides their
high-level calls (``InitComm`` / ``Authenticate`` / ``Read_Content``, which
write ``wz.txt`` and a photo file into the working directory, and the
``GetPeople*`` / ``GetName``-style accessors, whose names and encodings differ
between vendors), both families export the same low-level ``SDT_*`` set. That
set is what this adapter uses, because:

* it is common to both families with identical signatures (checked against
  the public ``sdtapi.h`` and ``termb.h`` headers of several integrations);
* each call is one SAM command and returns the SAM's own SW3 (0x9F, 0x90,
  0x80, 0x41 ...), so the shared `sequence` maps outcomes exactly as for the
  serial driver;
* ``SDT_ReadBaseMsg`` hands back the raw 256-byte text block and the 1024-byte
  WLT photo in memory: no card data is written to disk (``Read_Content`` would
  leave the holder's data and photo in files, against 居民身份证法 Art. 19/20).

Signatures used (``__stdcall`` on Windows, plain C calls on Linux)::

    int SDT_OpenPort(int iPort);                       /* 0x90 = open */
    int SDT_ClosePort(int iPort);
    int SDT_GetSAMStatus(int iPort, int iIfOpen);      /* 0x90 = SAM healthy */
    int SDT_StartFindIDCard(int iPort, unsigned char *pucIIN, int iIfOpen);  /* 0x9F */
    int SDT_SelectIDCard(int iPort, unsigned char *pucSN, int iIfOpen);      /* 0x90 */
    int SDT_ReadBaseMsg(int iPort, unsigned char *pucCHMsg, unsigned int *puiCHMsgLen,
                        unsigned char *pucPHMsg, unsigned int *puiPHMsgLen, int iIfOpen);
    int SDT_ReadNewAppMsg(int iPort, unsigned char *pucAppMsg, unsigned int *puiAppMsgLen,
                          int iIfOpen);                /* 0x90, or 0x91 no content */

``iPort`` is 1..16 for COM ports and 1001..1016 for USB readers; ``iIfOpen`` = 0
because this adapter opens the port once and keeps it. Besides SW3 values the
library returns host-side codes; documented in vendor manuals as 0x01 port
not open / open failed, 0x02 receive timeout, 0x03 data transmission error.
Those three are an assumption from vendor documentation, not verified against
a device: other codes are reported verbatim in the detail.

The vendor library keeps global state per process: use one adapter per library.
"""

from __future__ import annotations

import ctypes
import os
import sys
import threading
from collections.abc import Callable
from typing import Any

from devices.errors import DeviceConfigError
from devices.protocols import ReadOutcome, ReadResult
from devices.resident_id.errors import AnswerTimeout, FrameError, PortUnavailable
from devices.resident_id.frames import BaseMessage
from devices.resident_id.sequence import CardReadSequence
from devices.resident_id.status_words import RETRYABLE_STATUS, SW_OK, describe
from devices.status import DeviceState, DeviceStatus

PROTOCOL = "sam-sdk"

SDK_PORT_ERROR = 0x01
SDK_TIMEOUT = 0x02
SDK_TRANSMISSION_ERROR = 0x03

# Buffers larger than any documented answer, so a vendor that writes a little
# more (fingerprint-capable firmware, padding) cannot overrun our memory.
_TEXT_BUFFER = 1024
_PHOTO_BUFFER = 4096
_SMALL_BUFFER = 64
_APPENDED_BUFFER = 1024

_UINT_P = ctypes.POINTER(ctypes.c_uint)
_SIGNATURES: dict[str, list[Any]] = {
    "SDT_OpenPort": [ctypes.c_int],
    "SDT_ClosePort": [ctypes.c_int],
    "SDT_GetSAMStatus": [ctypes.c_int, ctypes.c_int],
    "SDT_StartFindIDCard": [ctypes.c_int, ctypes.c_char_p, ctypes.c_int],
    "SDT_SelectIDCard": [ctypes.c_int, ctypes.c_char_p, ctypes.c_int],
    "SDT_ReadBaseMsg": [
        ctypes.c_int, ctypes.c_char_p, _UINT_P, ctypes.c_char_p, _UINT_P, ctypes.c_int,
    ],
    "SDT_ReadNewAppMsg": [ctypes.c_int, ctypes.c_char_p, _UINT_P, ctypes.c_int],
}  # fmt: skip


def load_sdk_library(path: str | os.PathLike[str]) -> Any:
    """Load the vendor library and declare the SDT_* signatures.

    Raises DeviceConfigError when the path is wrong or a function is missing:
    that is broken configuration, not a card condition.
    """
    try:
        if sys.platform == "win32":
            library: Any = ctypes.WinDLL(os.fspath(path))  # the SDKs use __stdcall on Windows
        else:
            library = ctypes.CDLL(os.fspath(path))
    except OSError as exc:
        raise DeviceConfigError(f"cannot load the ID-card SDK library {path}: {exc}") from exc
    for name, argtypes in _SIGNATURES.items():
        try:
            function = getattr(library, name)
        except AttributeError as exc:
            raise DeviceConfigError(f"ID-card SDK library {path} lacks {name}") from exc
        function.argtypes = argtypes
        function.restype = ctypes.c_int
    return library


class _SdkSamSession:
    """`SamSession` over the SDT_* calls, with the same retry rules as the serial link."""

    def __init__(self, library: Any, port: int, retries: int) -> None:
        self._lib = library
        self._port = port
        self._attempts = 1 + retries

    def sam_status(self) -> int:
        return self._call("SAM status", lambda: int(self._lib.SDT_GetSAMStatus(self._port, 0)))

    def find_card(self) -> int:
        buffer = ctypes.create_string_buffer(_SMALL_BUFFER)
        return self._call(
            "find card", lambda: int(self._lib.SDT_StartFindIDCard(self._port, buffer, 0))
        )

    def select_card(self) -> int:
        buffer = ctypes.create_string_buffer(_SMALL_BUFFER)
        return self._call(
            "select card", lambda: int(self._lib.SDT_SelectIDCard(self._port, buffer, 0))
        )

    def read_base_message(self) -> tuple[int, BaseMessage | None]:
        text = ctypes.create_string_buffer(_TEXT_BUFFER)
        photo = ctypes.create_string_buffer(_PHOTO_BUFFER)
        text_len = ctypes.c_uint(0)
        photo_len = ctypes.c_uint(0)

        def call() -> int:
            return int(
                self._lib.SDT_ReadBaseMsg(
                    self._port, text, ctypes.byref(text_len), photo, ctypes.byref(photo_len), 0
                )
            )

        status = self._call("read text + photo", call)
        if status != SW_OK:
            return status, None
        return status, BaseMessage(
            text=_take(text, text_len.value, "text"), photo=_take(photo, photo_len.value, "photo")
        )

    def read_appended_address(self) -> tuple[int, bytes]:
        data = ctypes.create_string_buffer(_APPENDED_BUFFER)
        length = ctypes.c_uint(0)

        def call() -> int:
            return int(self._lib.SDT_ReadNewAppMsg(self._port, data, ctypes.byref(length), 0))

        status = self._call("read appended address", call)
        if status != SW_OK:
            return status, b""
        return status, _take(data, length.value, "appended address")

    def _call(self, label: str, call: Callable[[], int]) -> int:
        status = SDK_TIMEOUT
        for _ in range(self._attempts):
            status = call()
            if status == SDK_PORT_ERROR:
                raise PortUnavailable(f"{label}: the SDK reports the port not open (code 01)")
            if status not in (SDK_TIMEOUT, SDK_TRANSMISSION_ERROR, *RETRYABLE_STATUS):
                return status
        tries = f"after {self._attempts} attempt{'s' if self._attempts > 1 else ''}"
        if status == SDK_TIMEOUT:
            raise AnswerTimeout(f"no answer to {label} {tries} (SDK code 02)")
        raise FrameError(f"{label}: transmission error {tries} (code {status:02X})")


def _take(buffer: ctypes.Array[ctypes.c_char], length: int, what: str) -> bytes:
    if length > len(buffer):
        raise FrameError(f"SDK reports {length} {what} bytes, more than the buffer holds")
    return buffer.raw[:length]


class SdkResidentIdReader:
    """Reads resident ID cards through the vendor SDK library (SDT_* functions).

    Args:
        library_path: path of ``sdtapi.dll`` / ``termb.dll`` / ``libtermb.so``...
        port: the SDK's port number: 1..16 serial (COM1..), 1001..1016 USB.
        name: the reader's name in `Provenance` and logs.
        retries: extra attempts when the SDK reports a timeout or transmission
            error (vendor libraries retry internally too, so one is plenty).
        read_appended_address: also ask for the newer address (SDT_ReadNewAppMsg).

    Raises DeviceConfigError at construction if the library cannot be loaded.
    """

    def __init__(
        self,
        library_path: str | os.PathLike[str],
        port: int = 1001,
        *,
        name: str = "resident-id-sdk",
        retries: int = 1,
        read_appended_address: bool = True,
    ) -> None:
        if retries < 0:
            raise ValueError("retries must not be negative")
        self.name = name
        self._port = port
        self._lib = load_sdk_library(library_path)
        self._session = _SdkSamSession(self._lib, port, retries)
        self._lock = threading.Lock()
        self._open = False
        self._sequence = CardReadSequence(
            reader=name, protocol=PROTOCOL, read_appended_address=read_appended_address
        )

    def status(self) -> DeviceStatus:
        with self._lock:
            opened = self._ensure_open()
            if opened is not None:
                return DeviceStatus(DeviceState.NO_DEVICE, opened)
            status = self._sequence.status(self._session)
            if status.state is DeviceState.NO_DEVICE:
                self._close_port()
            return status

    def read(self) -> ReadResult:
        with self._lock:
            opened = self._ensure_open()
            if opened is not None:
                return ReadResult(ReadOutcome.NO_READER, detail=opened)
            result = self._sequence.read(self._session)
            if result.outcome is ReadOutcome.NO_READER:
                self._close_port()  # open afresh next time: the reader may be back
            return result

    def close(self) -> None:
        with self._lock:
            self._close_port()

    def _ensure_open(self) -> str | None:
        """Open the port if needed; None when open, else why not."""
        if self._open:
            return None
        status = int(self._lib.SDT_OpenPort(self._port))
        if status != SW_OK:
            return f"the SDK cannot open reader port {self._port}: {describe(status)}"
        self._open = True
        return None

    def _close_port(self) -> None:
        if self._open:
            self._lib.SDT_ClosePort(self._port)
            self._open = False
