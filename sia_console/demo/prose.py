"""The sentences of the demo year's notes of visit, visits and risk judgements.

The sentences follow the voice of the Wiltshire and GwE documents (see ``docs/domain.md``):
forward looking, evidence first, actions with an owner and a date. Templates use
``str.format`` fields filled from :class:`~sia_console.demo.sections.NoteFacts`; the
choice between them is made by the caller's seeded ``random.Random``, so a seed always
gives the same year. The demo's fiction is English data written into the database, not
interface text, so none of it passes through ``_()``.
"""

from __future__ import annotations

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
