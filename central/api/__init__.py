"""The HTTP layer of the central: one module per resource, plus the shared endpoint wrapper."""
