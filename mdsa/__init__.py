"""mdsa: toolkit for the Meer dan Steen Alleen approach."""

__version__ = "0.1.0"
