"""Rendering documents: PDF, DOCX, HTML, XLSX and charts (used by every phase)."""
