"""Printed documents: receipts and licence slips as PDFs with verifiable QR codes."""
