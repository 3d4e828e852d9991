"""The Qt shell: the composition root and the only Qt code inside `kiosk`."""
