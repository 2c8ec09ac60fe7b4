"""Visits and the annual programme: planning, changing and counting them.

``visits`` plans a visit and lists the calendar; ``changes`` edits, reschedules, cancels
and postpones one from a form; ``planning`` proposes a year of visits for every link
school from the programme template (``templates`` reads it) and applies it; ``calendar``
is what the calendar shows and the checks made before a visit is saved; ``coverage``
counts the programme done and planned per school; ``ical`` writes the visits as an
iCalendar file.
"""
