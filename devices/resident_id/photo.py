"""The card photo in WLT form, kept as opaque bytes.

The 1024 bytes the SAM returns are the proprietary, encrypted "WLT" format.
Turning them into a picture needs the decoder library licensed by the reader
vendor (``WltRS.dll`` / ``libwlt2bmp.so`` and the like, commonly yielding a
102 x 126 BMP); that library is not ours to ship or re-implement, so this
package never decodes the photo. It hands the bytes on unchanged with the media
type below, for whatever licensed component (or the central face-match service)
is entitled to decode them.

Privacy (个人信息保护法, 居民身份证法 Art. 19/20): the photo is sensitive
personal data. Keep it in memory, never log it, never write it to disk here.
"""

from __future__ import annotations

WLT_MEDIA_TYPE = "application/x-wlt"
# The size GA/T 467 readers return for 30 01. A different size is accepted and
# passed on (it is opaque to us); only an empty photo is treated as an error.
WLT_PHOTO_SIZE = 1024
