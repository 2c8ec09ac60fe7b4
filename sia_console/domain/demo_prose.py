"""The wording of the demo year's notes of visit: improvement priorities, their actions
and evidence, and the sentences an adviser writes in each section.

The sentences follow the voice of the Wiltshire and GwE documents (see ``DOMAIN.md``):
forward looking, evidence first, actions with an owner and a date. Templates use
``str.format`` fields filled from :class:`NoteFacts`; the choice between them is made
by the caller's seeded ``random.Random``, so a seed always gives the same year.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from sia_console.domain import note_template as keys
from sia_console.domain.programme import programme_visit

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
                ("Write to every family whose child's attendance is below 90% and offer a meeting"),
                HEAD,
            ),
            (
                "Governors to receive attendance figures at every full governing body meeting",
                CHAIR,
            ),
        ),
    ),
)

WHO_WAS_MET: tuple[str, ...] = (
    "{head} (headteacher) and {deputy} (deputy headteacher).",
    (
        "{head} (headteacher), {deputy} (deputy headteacher) and {chair} (chair of "
        "governors), who joined for the final half hour."
    ),
    "{head} (headteacher) and {literacy} (literacy lead); a group of six Y5 and Y6 pupils.",
    "{head} (headteacher), {aln} (ALNCo) and {y6} (Y6 teacher).",
    (
        "{head} (headteacher) and {numeracy} (numeracy lead); {chair} (chair of governors) "
        "by telephone."
    ),
)

PURPOSE: str = "Visit {slot} of the annual programme: {focus}"
EXTRA_PURPOSE: str = (
    "Review of the support plan (school causing concern): progress against the plan, the "
    "impact of support brokered so far, and the next steps."
)
AGENDA: tuple[str, ...] = (
    (
        "Agenda agreed with {head} beforehand: the actions from the last visit, the latest "
        "tracking, {focus_item}, and next steps."
    ),
    "Agenda: review of actions; {focus_item}; risk judgement and predictions; support.",
    "The agenda was sent to {head} a week before the visit and followed as planned.",
)

FOCUS_ITEMS: dict[int | None, str] = {
    1: "the data hypotheses and the improvement priorities",
    2: "target setting and the Achievement section of the self-evaluation",
    3: "the headteacher's performance management and the impact of support",
    4: "a learning walk and pupil voice on the agreed focus",
    5: "the impact of support on the improvement priorities",
    6: "the moderation of the self-evaluation",
    None: "the support plan",
}

NO_PREVIOUS_ACTIONS: tuple[str, ...] = (
    (
        "No actions were outstanding from last year's final visit; the new school development "
        "plan was the starting point."
    ),
    (
        "The actions agreed at last July's moderation visit were completed before the summer; "
        "none is carried forward."
    ),
)

DISCUSSION: dict[int | None, tuple[str, ...]] = {
    1: (
        (
            "We compared the authority's data summary with the data hypotheses the school "
            "prepared independently. Both point to the same first priority: to {p1}."
        ),
        (
            "The unvalidated {results_year} results put the combined measure at "
            "{last_combined}% against a floor target of {floor}%. {head} has already analysed "
            "the results by group."
        ),
        (
            "With {y6_size} pupils in Y6, each pupil is worth {pupil_percent}% of the "
            "results, so the school's pupil-level tracking is the better guide; it is "
            "detailed and up to date."
        ),
    ),
    2: (
        (
            "Targets for the current Y6 were agreed at {target6}% at the expected standard in "
            "reading, writing and maths combined, in line with the tracking. {head} considers "
            "this challenging but realistic."
        ),
        (
            "The Achievement section of the self-evaluation was updated with the validated "
            "data; the evidence supports the school's judgement."
        ),
        (
            "Pupil-progress meetings in October identified {at_risk} Y6 pupils at risk of "
            "not reaching the expected standard in {core}; each has a named intervention "
            "and a review date."
        ),
    ),
    3: (
        (
            "The headteacher's performance management review was held with {chair} and a "
            "second governor. The objectives are recorded separately and are confidential to "
            "the governing body; they follow the two improvement priorities."
        ),
        (
            "We reviewed the initial impact of the support brokered in the autumn. Staff "
            "report that it has changed their planning; it is too early to see it in "
            "outcomes."
        ),
        (
            "Autumn tracking shows {combined6}% of Y6 on course for the combined expected "
            "standard, against the target of {target6}%."
        ),
    ),
    4: (
        (
            "The focus agreed with {head} was {subject}. We walked through Years 3 to 6 "
            "with {deputy}, looked at books in each class and met a group of pupils."
        ),
        (
            "Lessons seen were purposeful and pupils were keen to talk about their work; the "
            "most able were not always moved on quickly enough."
        ),
        (
            "Pupils spoke confidently about how they improve their work and could point to "
            "examples in their books."
        ),
    ),
    5: (
        (
            "We reviewed the impact of support on the improvement priorities against the "
            "success criteria in the school development plan."
        ),
        (
            "Spring tracking puts {combined6}% of Y6 on course for the combined expected "
            "standard (target {target6}%) and {combined5}% of Y5."
        ),
        (
            "{head} has re-organised the Y6 intervention groups after half term so that the "
            "{at_risk} pupils at risk are taught in smaller groups each morning."
        ),
    ),
    6: (
        (
            "We moderated the school's self-evaluation in most areas with {head}, {deputy} "
            "and {chair}; the evidence base is thorough and the judgements mostly accurate."
        ),
        (
            "The unvalidated end-of-KS2 results were discussed: {combined6}% reached the "
            "expected standard in reading, writing and maths combined."
        ),
        (
            "Together we drafted the improvement priorities for next year; they carry "
            "forward {subject} and add one new priority from the self-evaluation."
        ),
    ),
    None: (
        (
            "The review was held as a case conference with {head}, {chair} and the "
            "authority's officer for schools causing concern."
        ),
        (
            "Progress against the support plan is {progress}; the milestones for this term "
            "are {milestones}."
        ),
        "The intensity of support will {intensity} until the next review.",
    ),
}

HYPOTHESES: tuple[str, ...] = (
    (
        "Attainment in {core} has fallen for two years while it has held steady in the "
        "other subjects: the change in staffing in Y5 and Y6 is a likely cause."
    ),
    (
        "Boys' attainment in writing has been below girls' for three years and the gap "
        "widened in {results_year}."
    ),
    (
        "Pupils who joined the school after the Foundation Phase make slower progress than "
        "those who started in the nursery."
    ),
    (
        "Pupils eligible for free school meals attain well in reading but fall behind in "
        "maths from Y3 onwards."
    ),
    (
        "Higher standards at the end of the Foundation Phase are not yet carried through to "
        "the higher outcomes at the end of KS2."
    ),
)

STRENGTHS: tuple[str, ...] = (
    (
        "Leadership is clear-sighted: {head} knows the school's strengths and weaknesses "
        "well and the self-evaluation is honest."
    ),
    (
        "Relationships are warm and pupils behave well; in every class seen they listened "
        "carefully and worked hard."
    ),
    (
        "Governors are well informed and challenge leaders on standards; the standards "
        "committee minutes show searching questions."
    ),
    "Provision for pupils with additional learning needs is well organised by {aln}.",
    "Reading for pleasure has a high profile; the new library is well used at lunchtime.",
    (
        "Assessment information is used well in pupil-progress meetings to decide who needs "
        "help next."
    ),
    (
        "The school works well with its cluster; joint moderation has sharpened teachers' "
        "judgements."
    ),
    (
        "Support staff are well trained and deployed; interventions are short, focused and "
        "evaluated."
    ),
    "Parents speak highly of the school; the family learning sessions were well attended.",
)
WELSH_STRENGTHS: tuple[str, ...] = (
    (
        "Welsh is the natural language of the school: pupils use it in the yard as well as "
        "in lessons."
    ),
    "The bilingual ethos is strong; pupils move between Welsh and English with ease.",
)
AREAS: tuple[str, ...] = (
    (
        "Monitoring of teaching is frequent but records what teachers do rather than the "
        "impact on pupils' learning."
    ),
    (
        "The school development plan has too many priorities; fewer and sharper ones would "
        "help staff focus."
    ),
    "The most able pupils are not always challenged; few reach the higher outcomes.",
)

JUDGEMENTS: tuple[str, ...] = (
    (
        "We agreed that {subject} remains the main area for improvement and that the school "
        "has the capacity to improve it."
    ),
    "{head} agrees with the judgements in this note, including the risk judgement.",
    (
        "The school's support category this year is {category}; the evidence seen today is "
        "consistent with it."
    ),
)
DISAGREEMENT: str = (
    "{head} does not accept that {core} in Y6 is at risk and expects the spring "
    "assessments to show the impact of the intervention groups. We agreed to look at the "
    "spring tracking together at the next visit; the judgement stands for now."
)

SUPPORT: tuple[str, ...] = (
    (
        "Brokered: four half-days from the cluster's lead practitioner to model teaching of "
        "{core} in Years 5 and 6 (spring term)."
    ),
    (
        "Partnership working requested with {partner} on {subject}; its headteacher has "
        "agreed in principle."
    ),
    "A place on the regional middle leadership programme for {literacy}.",
    (
        "No further support is requested at this stage; the school will use the cluster's "
        "professional learning offer."
    ),
    (
        "The authority's ALN team to help {aln} review the provision map (requested; date to "
        "be confirmed)."
    ),
)

NEXT_VISIT: str = "{when}: {focus}"
DISTRIBUTION: str = "Headteacher; chair of governors"
LAST_VISIT_OF_YEAR: str = (
    "Visit 1 of next year's programme, in September: the data hypotheses and the "
    "improvement priorities."
)

RATIONALE: dict[str, tuple[str, ...]] = {
    "high": (
        (
            "Y6 tracking shows {combined6}% on course for the expected standard in reading, "
            "writing and maths combined, below the floor target of {floor}%."
        ),
        (
            "{at_risk} Y6 pupils are not yet secure in {core}, and the interventions began "
            "only recently; the school is likely to fall below the floor target without "
            "further support."
        ),
    ),
    "medium": (
        (
            "The combined prediction for Y6 ({combined6}%) is only just above the floor "
            "target of {floor}%; with {y6_size} pupils, one or two falling short would take "
            "the school below it."
        ),
        (
            "Tracking is broadly on course but {core} remains fragile in Y6, and Y5 "
            "({combined5}%) is a weaker cohort."
        ),
    ),
    "low": (
        (
            "Predictions for Y6 ({combined6}%) and Y5 ({combined5}%) are comfortably above "
            "the floor target of {floor}%, and the school's tracking has proved accurate."
        ),
        "Standards are secure and well above the floor target; the risk is low.",
    ),
}
RAISED: str = "Raised from {previous} since the last visit: the latest tracking is weaker."
LOWERED: str = "Lowered from {previous} since the last visit: the support is having an impact."

REVIEW_COMMENTS: dict[str, tuple[str, ...]] = {
    "done": (
        "Done; the evidence was seen during the visit.",
        "Completed on time and shared with staff and governors.",
        "Done; {head} talked it through and the records were checked.",
        "Completed; it is now part of the school's routine monitoring.",
    ),
    "in-progress": (
        "Under way but not yet complete; {head} expects to finish it this half term.",
        "Started after half term; {head} will report progress at the next visit.",
        "In progress: the training has taken place; monitoring has not yet happened.",
    ),
    "open": (
        "Not started: staff absence delayed it. A new date was agreed.",
        "Not yet started; the school asked to carry it into next term.",
    ),
}
STATUS_WORDS: dict[str, str] = {
    "done": "done",
    "in-progress": "in progress",
    "open": "not started",
    "dropped": "dropped",
}

CANCELLED_REASONS: tuple[str, ...] = (
    "Cancelled by the school: Estyn inspection notified for the same week.",
    "Cancelled: the headteacher was ill; the focus moves to the next visit.",
)
POSTPONED_REASON: str = "Postponed at the school's request (staff training day); rearranged."
REARRANGED: str = "Rearranged visit: {purpose}"

DAY_NAMES: tuple[str, ...] = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)
MONTH_NAMES: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
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
        ("Governors to monitor progress against the headteacher's objectives at the spring review"),
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

SUPPORT_PROGRESS: tuple[str, ...] = ("good", "steady", "slower than planned")
SUPPORT_MILESTONES: tuple[str, ...] = (
    "met",
    "partly met",
    "met except for the writing milestone",
)
SUPPORT_INTENSITY: tuple[str, ...] = ("stay as it is", "increase", "reduce slightly")
WHEN: str = "{day_name} {day} {month} {year} at {time}"
ACTION_LINE: str = "{action} — {owner}: {status}. {comment}"
NO_ACTIONS_DUE: str = "No actions were due for review at this visit."


@dataclass(frozen=True)
class NoteFacts:
    """The facts one note is written from: template fields and the predictions."""

    fields: dict[str, str]
    predictions: dict[tuple[str, str], float]


def _bullets(lines: list[str]) -> str:
    return "\n".join(f"• {line}" for line in lines)


def _some(rng: random.Random, pool: tuple[str, ...], low: int, high: int) -> list[str]:
    """Between ``low`` and ``high`` items of ``pool``, in the pool's order."""
    count = min(len(pool), rng.randint(low, high))
    chosen = sorted(rng.sample(range(len(pool)), count))
    return [pool[index] for index in chosen]


def compose_sections(
    rng: random.Random,
    *,
    slot: int | None,
    facts: NoteFacts,
    priorities: tuple[Priority, ...],
    welsh: bool,
    review_lines: list[str],
    next_visit: str,
) -> dict[str, str]:
    """The text of every section of a note, keyed like ``note_template.DEFAULT_SECTIONS``."""
    fields = {**facts.fields, "focus_item": FOCUS_ITEMS[slot]}
    focus = programme_visit(slot).focus if slot is not None else ""
    purpose = PURPOSE.format(slot=slot, focus=focus) if slot is not None else EXTRA_PURPOSE
    discussion = [line.format(**fields) for line in _some(rng, DISCUSSION[slot], 2, 3)]
    discussion.append(rng.choice(priorities[0].evidence).format(**fields))
    strengths_pool = STRENGTHS + (WELSH_STRENGTHS if welsh else ())
    areas = [p.area for p in priorities] + _some(rng, AREAS, 0, 1)
    judgements = [line.format(**fields) for line in _some(rng, JUDGEMENTS, 1, 2)]
    if rng.random() < 0.12:
        judgements.append(DISAGREEMENT.format(**fields))
    if review_lines:
        previous = _bullets(review_lines)
    elif slot == 1:
        previous = rng.choice(NO_PREVIOUS_ACTIONS)
    else:
        previous = NO_ACTIONS_DUE
    texts = {
        keys.WHO_WAS_MET: rng.choice(WHO_WAS_MET).format(**fields),
        keys.PURPOSE: purpose + "\n\n" + rng.choice(AGENDA).format(**fields),
        keys.PREVIOUS_ACTIONS: previous,
        keys.DISCUSSION: "\n\n".join(discussion),
        keys.STRENGTHS: _bullets(
            [line.format(**fields) for line in _some(rng, strengths_pool, 2, 3)]
        ),
        keys.AREAS_FOR_DEVELOPMENT: _bullets(areas),
        keys.JUDGEMENTS: "\n\n".join(judgements),
        keys.SUPPORT: _bullets([line.format(**fields) for line in _some(rng, SUPPORT, 1, 2)]),
        keys.NEXT_VISIT: next_visit,
        keys.DISTRIBUTION: DISTRIBUTION,
    }
    if slot == 1:
        hypotheses = [line.format(**fields) for line in _some(rng, HYPOTHESES, 3, 3)]
        texts[keys.DATA_HYPOTHESES] = "\n".join(f"{n}. {h}" for n, h in enumerate(hypotheses, 1))
    return texts


def rationale(rng: random.Random, level: str, previous: str | None, facts: NoteFacts) -> str:
    """The reasons for a risk judgement, saying so when it changed since the last visit."""
    reasons = [line.format(**facts.fields) for line in _some(rng, RATIONALE[level], 1, 2)]
    order = ("low", "medium", "high")
    if previous is not None and previous != level:
        change = RAISED if order.index(level) > order.index(previous) else LOWERED
        reasons.insert(0, change.format(previous=previous))
    return " ".join(reasons)
