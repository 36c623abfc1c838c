"""luoshi (落实): source-grounded structured data from Chinese government work reports."""

__version__ = "0.1.0"
