"""vnevents: structured, verifiable event records from Vietnamese public-sector news reports.

>>> from vnevents import extract
>>> record = extract(text, doc="report.txt")
"""

from vnevents.pipeline import Failure, InputDoc, extract, extract_doc, extract_many
from vnevents.record import Record, to_json

__all__ = ["Failure", "InputDoc", "Record", "extract", "extract_doc", "extract_many", "to_json"]
__version__ = "0.1.0"
