"""guillemets: clean news pages and record who said what."""

__version__ = "0.1.0"
