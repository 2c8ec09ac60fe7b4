"""Each kind of synced record in words, for the tables and dialogs that name one.

Apart from the sync tables (which read through the ORM's services) so that a screen shown
before the ORM is loaded, such as the core lead's home with its conflicts panel, can name
a record too.
"""

from __future__ import annotations

from sia_console.i18n import _

KIND_LABELS: dict[str, str] = {
    "setting": _("setting"),
    "adviser": _("adviser"),
    "school": _("school"),
    "visit": _("visit"),
    "note_of_visit": _("note of visit"),
    "note_section": _("note section"),
    "amendment": _("amendment"),
    "action": _("action"),
    "action_review": _("action review"),
    "risk_judgement": _("risk judgement"),
    "prediction": _("prediction"),
    "category_change": _("change of category"),
    "assignment_change": _("change of link adviser"),
    "school_year_summary": _("summary of a school's year"),
}
"""One record of each kind in words, by table name (a conflict is about one record)."""
