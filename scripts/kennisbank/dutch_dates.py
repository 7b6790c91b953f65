"""Dates as Dutch running text ("24 maart 2022"), the one form that pages, feeds and check messages use."""
from __future__ import annotations

import datetime as dt

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december")


def datum(date: dt.date | str) -> str:
    """The date as in a Dutch sentence; a string is read as an ISO date (YYYY-MM-DD)."""
    if isinstance(date, str):
        date = dt.date.fromisoformat(date)
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}"
