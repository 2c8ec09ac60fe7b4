"""The people of a demo school, its improvement priorities, and every action of the demo year.

Role keys (``HEAD``, ``DEPUTY`` …) say who owns an action, and :data:`ROLE_TITLES` is how
a note names the role after the person. A :class:`Priority` brings the evidence an
adviser cites, the area for development it becomes and the actions it leads to; the
actions that follow a programme visit and the general ones used once a school's own have
run out are here too. All of it is fiction written into the database as data, so none of
it passes through ``_()``: a translator of the interface never sees it.
"""

from __future__ import annotations

from dataclasses import dataclass

HEAD = "head"
DEPUTY = "deputy"
CHAIR = "chair"
Y6_TEACHER = "y6"
ALNCO = "aln"
LITERACY_LEAD = "literacy"
NUMERACY_LEAD = "numeracy"

ROLE_TITLES: dict[str, str] = {
    HEAD: "headteacher",
    DEPUTY: "deputy headteacher",
    CHAIR: "chair of governors",
    Y6_TEACHER: "Y6 teacher",
    ALNCO: "ALNCo",
    LITERACY_LEAD: "literacy lead",
    NUMERACY_LEAD: "numeracy lead",
}


@dataclass(frozen=True)
class Priority:
    """A school improvement priority, with the evidence, areas and actions it brings."""

    key: str
    text: str
    subject: str
    core: str
    """The KS2 subject whose results the priority most affects (reading, writing, maths)."""

    evidence: tuple[str, ...]
    area: str
    actions: tuple[tuple[str, str], ...]
    """(action text, owner role) pairs."""

    welsh_only: bool = False


PRIORITIES: tuple[Priority, ...] = (
    Priority(
        "writing",
        (
            "raise the proportion of pupils reaching the expected standard in writing by the "
            "end of KS2"
        ),
        "writing",
        "writing",
        (
            (
                "A scrutiny of Y5 and Y6 writing books with {literacy} showed good range but too "
                "little extended writing; pupils' editing is mostly limited to spelling."
            ),
            (
                "Writing moderated with the cluster in October matched the school's judgements "
                "in all but two pieces; both were judged generously."
            ),
        ),
        "Standards of writing at the end of KS2, especially boys' extended writing.",
        (
            (
                (
                    "Plan a weekly extended-writing session in Years 5 and 6 with a shared editing "
                    "checklist"
                ),
                LITERACY_LEAD,
            ),
            (
                "Moderate Y6 writing with a cluster school and agree a shared standard",
                Y6_TEACHER,
            ),
            ("Report to the governors' standards committee on writing in Y6", HEAD),
        ),
    ),
    Priority(
        "reading",
        "improve boys' reading across KS2",
        "reading",
        "reading",
        (
            (
                "Reading records show boys in Y4 to Y6 read at home far less than girls; the "
                "reading ages of eleven Y6 boys are more than a year below their age."
            ),
            (
                "Pupils heard reading read accurately but few could explain why an author "
                "chose a word or phrase; inference is the weak link."
            ),
        ),
        "Boys' reading, particularly inference and reading for pleasure in upper KS2.",
        (
            (
                (
                    "Run a six-week reading-for-pleasure project for Y5 and Y6 boys and measure "
                    "its effect on reading ages"
                ),
                LITERACY_LEAD,
            ),
            ("Train support staff in the reciprocal reading intervention", DEPUTY),
            ("Re-stock the class libraries with non-fiction chosen by pupils", LITERACY_LEAD),
        ),
    ),
    Priority(
        "reasoning",
        "strengthen mathematical reasoning and problem solving in KS2",
        "maths",
        "maths",
        (
            (
                "In the maths books seen, procedural work is accurate but reasoning tasks are "
                "rare and often left unfinished."
            ),
            (
                "The national reasoning test results were well below the procedural ones in "
                "every year group from Y3 to Y6."
            ),
        ),
        "Mathematical reasoning: pupils need more frequent and more demanding problems.",
        (
            ("Add a weekly reasoning problem to every KS2 maths sequence", NUMERACY_LEAD),
            ("Observe maths teaching in Y5 with the numeracy lead and feed back to staff", HEAD),
            (
                "Analyse the reasoning test by question type and share the gaps with staff",
                NUMERACY_LEAD,
            ),
        ),
    ),
    Priority(
        "fsm",
        "narrow the gap between pupils eligible for free school meals and their peers",
        "progress of pupils eligible for free school meals",
        "maths",
        (
            (
                "Pupils eligible for free school meals make slower progress in writing and maths "
                "than their peers in every year group, though the gap has narrowed in Y3."
            ),
            (
                "The grant spending plan is clear, but its evaluation counts activities rather "
                "than the difference they make to pupils."
            ),
        ),
        (
            "The progress of pupils eligible for free school meals, and the evaluation of the "
            "grant that supports them."
        ),
        (
            ("Rewrite the grant evaluation to show the impact on named groups of pupils", HEAD),
            (
                "Track the attendance and progress of FSM pupils at each pupil-progress meeting",
                DEPUTY,
            ),
            ("Governors to review the grant's impact at the spring meeting", CHAIR),
        ),
    ),
    Priority(
        "oracy",
        (
            "develop pupils' Welsh oracy, especially in the Foundation Phase and for pupils "
            "from English-speaking homes"
        ),
        "Welsh oracy",
        "reading",
        (
            (
                "Pupils from English-speaking homes understand Welsh well but answer in short "
                "phrases; few use Welsh with each other in the yard."
            ),
            (
                "The Siarter Iaith (Welsh language charter) audit shows pupils' attitudes to "
                "Welsh are positive, but their use of it outside lessons is low."
            ),
        ),
        "Pupils' spoken Welsh outside lessons and the fluency of latecomers to Welsh.",
        (
            ("Introduce daily structured Welsh oracy sessions in the Foundation Phase", DEPUTY),
            ("Relaunch the Criw Cymraeg pupil group to lead yard games in Welsh", LITERACY_LEAD),
            ("Complete the Siarter Iaith self-review and agree targets with pupils", HEAD),
        ),
        welsh_only=True,
    ),
    Priority(
        "assessment",
        "make teacher assessment accurate and consistent across the school",
        "teacher assessment",
        "writing",
        (
            (
                "Teacher assessments in Y2 and Y6 were generous last year when compared with "
                "the national tests and with the cluster moderation."
            ),
            (
                "Tracking data changes little from term to term, which suggests teachers are "
                "not yet confident to record a pupil as falling behind."
            ),
        ),
        "The accuracy of teacher assessment, so that tracking can be relied on.",
        (
            ("Hold half-termly in-school moderation with samples from every class", DEPUTY),
            ("Take part in the cluster moderation of Y6 writing and maths", Y6_TEACHER),
            (
                "Check tracking against the spring national tests and explain any differences",
                HEAD,
            ),
        ),
    ),
    Priority(
        "leadership",
        "develop middle leaders so that they lead improvement in their subjects",
        "middle leadership",
        "maths",
        (
            (
                "Subject leaders are enthusiastic but have had little time to monitor; their "
                "action plans are lists of tasks with no measures of success."
            ),
            (
                "The deputy headteacher carries most of the monitoring; this is not "
                "sustainable in a school of this size."
            ),
        ),
        "Middle leadership: subject leaders need time, training and a clear monitoring cycle.",
        (
            (
                "Give each subject leader a half-day a term to monitor books and talk to pupils",
                HEAD,
            ),
            ("Enrol the literacy and numeracy leads on the middle leadership programme", DEPUTY),
            (
                "Subject leaders to present their findings to governors in the summer term",
                LITERACY_LEAD,
            ),
        ),
    ),
    Priority(
        "attendance",
        "improve attendance and reduce persistent absence",
        "attendance",
        "reading",
        (
            (
                "Attendance is 93.1% so far this year, below the authority average; nine "
                "pupils are persistently absent, six of them eligible for free school meals."
            ),
            "Absence is highest on Mondays and Fridays and among pupils in Years 1 and 2.",
        ),
        "Attendance, and persistent absence among the most vulnerable pupils.",
        (
            (
                "Meet the education welfare officer fortnightly to review persistent absentees",
                DEPUTY,
            ),
            (
                "Write to every family whose child's attendance is below 90% and offer a meeting",
                HEAD,
            ),
            (
                "Governors to receive attendance figures at every full governing body meeting",
                CHAIR,
            ),
        ),
    ),
)

SLOT_ACTIONS: dict[int | None, tuple[str, str]] = {
    1: (
        (
            "Finalise the school development plan with the agreed priorities and send it to "
            "the adviser"
        ),
        HEAD,
    ),
    2: ("Send the agreed Y6 targets to the authority", HEAD),
    3: (
        "Governors to monitor progress against the headteacher's objectives at the spring review",
        CHAIR,
    ),
    4: ("Feed back the findings of the learning walk to all staff", DEPUTY),
    5: ("Update the Y6 predictions after the Easter assessments", Y6_TEACHER),
    6: ("Share the moderated self-evaluation with the full governing body", HEAD),
    None: ("Update the support plan with the milestones agreed today", HEAD),
}
"""One action that naturally follows from each visit of the programme."""

GENERAL_ACTIONS: tuple[tuple[str, str], ...] = (
    ("Rewrite the success criteria in the school development plan as outcomes for pupils", HEAD),
    ("Share this note of visit with the full governing body", CHAIR),
    ("Update the provision map for pupils with additional learning needs", ALNCO),
    ("Book the cluster moderation session for the summer term", Y6_TEACHER),
    ("Carry out a learning walk focused on feedback and share the findings", DEPUTY),
    ("Send the adviser the latest Y5 and Y6 tracking before the next visit", HEAD),
)
"""Actions used once a school's priority actions have all been agreed."""
