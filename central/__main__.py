"""``python -m central``: the sandbox's operator command line (same as ``kiosk-central``)."""

import sys

from central.cli import main

sys.exit(main())
