"""Forum categories and a few sample discussions for the demo site.

The discussions are written by the sample experts (marked as samples on their profiles) and
say so in their first line, so nobody takes them for real members' words.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class CategoryData:
    slug: str
    name: str
    description: str
    action_line: int | None = None
    theme: str | None = None
    visibility: str = "public"
    group: str | None = None


@dataclass(frozen=True)
class ThreadData:
    category: str
    title: str
    author: str  # a sample expert's e-mail
    body: str
    replies: tuple[tuple[str, str], ...] = ()
    is_question: bool = False
    accepted_reply: int | None = None  # index into replies
    action_lines: tuple[int, ...] = ()
    themes: tuple[str, ...] = field(default_factory=tuple)


WORKING_GROUP = "Working group: digital public infrastructure"

CATEGORIES: tuple[CategoryData, ...] = (
    CategoryData(
        "digital-government-strategy",
        "Digital government strategy",
        "National digital strategies, whole-of-government integration and how to join up "
        "services across ministries.",
        action_line=1,
        theme="whole-of-government",
    ),
    CategoryData(
        "e-participation-open-data",
        "E-participation and open government data",
        "Consultations, participatory budgeting, open data portals and what makes people "
        "take part.",
        action_line=7,
        theme="e-participation-open-data",
    ),
    CategoryData(
        "privacy-security",
        "Digital identity, privacy and security",
        "Trust in online public services: identity schemes, data protection, cybersecurity.",
        action_line=5,
        theme="privacy-security",
    ),
    CategoryData(
        "capacity-building",
        "Capacity building and knowledge sharing",
        "Training public servants, communities of practice and peer learning between countries.",
        action_line=4,
        theme="capacity-building",
    ),
    CategoryData(
        "members-lounge",
        "Members' lounge",
        "Introductions, calls for collaboration and news from members. Visible to signed-in "
        "members only.",
        visibility="members",
    ),
    CategoryData(
        "dpi-working-group",
        "Digital public infrastructure working group",
        "The working group's own space; only its members can read it.",
        visibility="group",
        group=WORKING_GROUP,
    ),
)

SAMPLE_NOTE = "*Sample discussion written for the demo site.*\n\n"

THREADS: tuple[ThreadData, ...] = (
    ThreadData(
        category="digital-government-strategy",
        title="How did you get ministries to share one citizen record?",
        author="sample.amina@example.org",
        is_question=True,
        accepted_reply=1,
        action_lines=(1, 7),
        themes=("whole-of-government",),
        body=SAMPLE_NOTE
        + "We are planning a **once-only** approach: a citizen gives their address once and "
        "every ministry uses it. The technical part looks manageable; the hard part is "
        "agreement between ministries on who owns the data.\n\n"
        "What governance arrangements worked for you?",
        replies=(
            (
                "sample.jean@example.org",
                SAMPLE_NOTE + "A decree naming one *authoritative source* per data item helped "
                "us more than any platform. Each register stays with its ministry, and the "
                "others read it through an exchange layer.",
            ),
            (
                "sample.erik@example.org",
                SAMPLE_NOTE + "Three things made the difference for us:\n\n"
                "1. a law that forbids asking citizens for data the state already holds;\n"
                "2. a data exchange layer with a log every citizen can read;\n"
                "3. a small central team that measures how often the rule is broken.\n\n"
                "The log did most for trust.",
            ),
            (
                "sample.amina@example.org",
                SAMPLE_NOTE + "Thank you both. The citizen-readable log is a strong idea; "
                "I will bring it to our steering committee.",
            ),
        ),
    ),
    ThreadData(
        category="e-participation-open-data",
        title="Open data portals: which datasets do people actually use?",
        author="sample.rosa@example.org",
        action_lines=(7,),
        themes=("e-participation-open-data",),
        body=SAMPLE_NOTE
        + "Our portal has more than 2,000 datasets, yet most downloads come from a handful: "
        "budgets, public procurement and transport timetables. Is that your experience too?",
        replies=(
            (
                "sample.mei@example.org",
                SAMPLE_NOTE + "Much the same here. Publishing the budget as a table people "
                "can sort, next to the raw file, doubled its use.",
            ),
        ),
    ),
    ThreadData(
        category="capacity-building",
        title="Training public servants in small island states: what worked",
        author="sample.mei@example.org",
        action_lines=(4,),
        themes=("capacity-building", "regional-cooperation"),
        body=SAMPLE_NOTE
        + "Short online modules followed by a week of peer exchange with a neighbouring "
        "country worked better for us than long courses. Who else has tried regional "
        "peer learning?",
    ),
)
