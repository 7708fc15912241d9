"""libriciel-terms: the ComElus 2024 contract's terms as exact, explainable computations.

Every public name is imported here explicitly; nothing is defined in this module.
"""

from libriciel_terms.errors import (
    EndBeforeStartError,
    FloatMoneyError,
    InvalidArgumentError,
    InvalidScheduleError,
    NaiveDatetimeError,
    NonFiniteDecimalError,
    OutOfRangeError,
    OutsideTermError,
    RateNotInTableError,
    TermsError,
    UnknownIndexMonthError,
    WrongTypeError,
)
from libriciel_terms.holidays import (
    ALSACE_MOSELLE,
    FRANCE,
    ExplicitHolidays,
    FrenchHolidays,
    HolidayCalendar,
)
from libriciel_terms.hours import BusinessHours, Delay, Window

__version__ = "0.1.0.dev0"

__all__ = [
    # business time (RULES.md §1)
    "ALSACE_MOSELLE",
    "FRANCE",
    "BusinessHours",
    "Delay",
    "ExplicitHolidays",
    "FrenchHolidays",
    "HolidayCalendar",
    "Window",
    # errors
    "EndBeforeStartError",
    "FloatMoneyError",
    "InvalidArgumentError",
    "InvalidScheduleError",
    "NaiveDatetimeError",
    "NonFiniteDecimalError",
    "OutOfRangeError",
    "OutsideTermError",
    "RateNotInTableError",
    "TermsError",
    "UnknownIndexMonthError",
    "WrongTypeError",
]
