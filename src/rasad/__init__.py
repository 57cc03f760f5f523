"""rasad — Arabic-first extraction of conflict events and territorial control from news."""

__version__ = "0.1.0"
