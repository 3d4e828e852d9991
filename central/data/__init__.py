"""Data files of the sandbox: the service catalogue and the registration authority's rules."""
