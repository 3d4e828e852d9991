"""Chinese second-generation resident identity card (二代证) readers.

Two drivers implement `devices.protocols.IdentityReader`:

* `SerialResidentIdReader`: talks GA/T 467 frames to the reader's SAM over a
  serial port (pyserial), see `serial_reader`.
* `SdkResidentIdReader`: drives the vendor SDK shared library (the SDT_*
  function set of sdtapi / termb) through ctypes, see `sdk`.

Both yield an `IdentityDocument` of type CN_RESIDENT_ID with the WLT photo as
opaque bytes: decoding WLT needs the reader vendor's licensed library (see
`photo`). Nothing here imports Qt or the rest of the kiosk.
"""

from devices.resident_id.sdk import SdkResidentIdReader
from devices.resident_id.serial_reader import SerialResidentIdReader

__all__ = ["SdkResidentIdReader", "SerialResidentIdReader"]
