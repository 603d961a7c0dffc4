"""The demo content as plain data: real organisations, events and vocabulary, made-up experts.

Facts (names, dates, places, numbers) come from the community's public record; every
description is written for this site. The expert profiles are fictional and flagged as
samples. Objects refer to each other by natural key: action line number, theme slug,
SDG target code, region slug, partner slug, ISO 3166 country code.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# --- Taxonomy -------------------------------------------------------------------------------

# The official WSIS action line titles: a controlled vocabulary, so kept word for word.
ACTION_LINES: tuple[tuple[int, str], ...] = (
    (
        1,
        "The role of public governance authorities and all stakeholders in the promotion "
        "of ICTs for development",
    ),
    (2, "Information and communication infrastructure"),
    (3, "Access to information and knowledge"),
    (4, "Capacity building"),
    (5, "Building confidence and security in the use of ICTs"),
    (6, "Enabling environment"),
    (
        7,
        "ICT applications (e-government, e-business, e-learning, e-health, e-employment, "
        "e-environment, e-agriculture, e-science)",
    ),
    (8, "Cultural diversity and identity, linguistic diversity and local content"),
    (9, "Media"),
    (10, "Ethical dimensions of the Information Society"),
    (11, "International and regional cooperation"),
)

# The short titles the United Nations uses for the 17 goals.
SUSTAINABLE_DEVELOPMENT_GOALS: tuple[tuple[int, str], ...] = (
    (1, "No poverty"),
    (2, "Zero hunger"),
    (3, "Good health and well-being"),
    (4, "Quality education"),
    (5, "Gender equality"),
    (6, "Clean water and sanitation"),
    (7, "Affordable and clean energy"),
    (8, "Decent work and economic growth"),
    (9, "Industry, innovation and infrastructure"),
    (10, "Reduced inequalities"),
    (11, "Sustainable cities and communities"),
    (12, "Responsible consumption and production"),
    (13, "Climate action"),
    (14, "Life below water"),
    (15, "Life on land"),
    (16, "Peace, justice and strong institutions"),
    (17, "Partnerships for the goals"),
)

# (goal number, target code, title): only the targets the demo content uses.
SDG_TARGETS: tuple[tuple[int, str, str], ...] = (
    (
        16,
        "16.6",
        "Build institutions that are effective, accountable and transparent at every level",
    ),
    (
        17,
        "17.7",
        "Encourage the development, transfer and wide dissemination of environmentally "
        "sound technologies",
    ),
)

# The five strands of the WSIS+10 vision for e-government, then themes the community adds.
THEMES: tuple[tuple[str, str], ...] = (
    ("whole-of-government", "Integrated, whole-of-government services"),
    ("e-participation-open-data", "E-participation and open government data"),
    ("multichannel-digital-divide", "Multi-channel services that bridge the digital divide"),
    ("privacy-security", "Privacy and security"),
    ("capacity-building", "Capacity building and knowledge sharing"),
    ("public-private-partnerships", "Public-private partnerships"),
    ("regional-cooperation", "Regional cooperation"),
)

REGIONS: tuple[tuple[str, str], ...] = (
    ("africa", "Africa"),
    ("arab-states", "Arab States"),
    ("asia-pacific", "Asia and the Pacific"),
    ("europe", "Europe"),
    ("latin-america-caribbean", "Latin America and the Caribbean"),
    ("north-america", "North America"),
)

# --- Home and index pages -------------------------------------------------------------------

HOME_TAGLINE = "Sharing what works in digital government, so that public services reach everyone."

HOME_INTRODUCTION = (
    "A worldwide network of public servants, researchers, companies, universities and "
    "international organisations who put information and communication technology to work "
    "for better government and faster development. Led by DPADM/UN DESA, the community links "
    "networks that already exist and helps their members find each other, find resources "
    "and start partnerships."
)

HOME_AIMS: tuple[str, ...] = (
    "Join up the eGovernance networks that already work locally, nationally, regionally and "
    "globally, around one shared body of knowledge.",
    "Reach out to governments, business, international organisations, civil society and the "
    "technical and academic world, and help them build partnerships together.",
    "Give advocacy and policy advice a meeting place, drawing on cooperation between North "
    "and South and among countries of the South.",
    "Show how ICT can help cut poverty and speed up development.",
    "Grow a pool of international expertise that new partnerships can rely on.",
)


@dataclass(frozen=True)
class IndexPageData:
    slug: str
    title: str
    intro: str


KNOWLEDGE_BASE_INDEX = IndexPageData(
    slug="knowledge-base",
    title="Knowledge base",
    intro=(
        "Reports, good practices, case studies and outcome documents from the UN system, "
        "governments and partners, tagged by WSIS action line, SDG target, region and country."
    ),
)
PARTNER_INDEX = IndexPageData(
    slug="partners",
    title="Partners",
    intro=(
        "The organisations behind the community and others active in the field: who they "
        "are, what they publish and which events they organise."
    ),
)
EVENT_INDEX = IndexPageData(
    slug="events",
    title="Events",
    intro="Conferences, workshops and webinars where the community meets and compares notes.",
)

CALL_INDEX = IndexPageData(
    slug="calls",
    title="Calls and opportunities",
    intro=(
        "Calls for good practices, partnership requests and funding calls from the "
        "community's partners. Members can answer a call for good practices here."
    ),
)

# --- Partner organisations ------------------------------------------------------------------


@dataclass(frozen=True)
class PartnerData:
    slug: str
    title: str
    acronym: str
    kind: str  # a PartnerPage.Kind value
    summary: str
    description: tuple[str, ...] = ()  # paragraphs of plain text
    country: str = ""
    region: str = ""
    is_lead: bool = False
    website: str = ""


DPADM = "dpadm-un-desa"
UNDP = "undp"
ITALY = "government-of-italy"
UN_ESCWA = "un-escwa"
ITU = "itu"
JORDAN_MOICT = "jordan-ministry-of-ict"

PARTNERS: tuple[PartnerData, ...] = (
    PartnerData(
        slug=DPADM,
        title="Division for Public Administration and Development Management, UN DESA",
        acronym="DPADM/UN DESA",
        kind="un",
        is_lead=True,
        country="US",
        summary=(
            "The division of the UN Department of Economic and Social Affairs that leads the "
            "community, working with governments on public administration and digital "
            "government."
        ),
        description=(
            "DPADM convenes the community and acts as its knowledge broker: it opens up the "
            "work of the UN system, points members to projects and practices at every level, "
            "and helps them find partners for joint initiatives.",
            "Its United Nations E-Government Survey compares the digital government "
            "development of all 193 Member States.",
        ),
    ),
    PartnerData(
        slug=UNDP,
        title="United Nations Development Programme",
        acronym="UNDP",
        kind="un",
        country="US",
        summary=(
            "Takes part through its eGovernance sub-practice, bringing what UNDP country "
            "offices learn from supporting digital governance reforms."
        ),
    ),
    PartnerData(
        slug="ictparliaments",
        title="Global Centre for Information and Communication Technologies in Parliaments",
        acronym="ICTParliaments",
        kind="un",
        summary=(
            "Helps legislatures use ICT to work more openly and effectively, and shares "
            "parliamentary experience with the wider community."
        ),
    ),
    PartnerData(
        slug="fordham-gsb",
        title="Fordham Graduate School of Business Administration",
        acronym="Fordham GSB",
        kind="academia",
        country="US",
        region="north-america",
        summary=(
            "A New York business school that contributes research and teaching on managing "
            "technology in organisations, including in the public sector."
        ),
    ),
    PartnerData(
        slug=ITALY,
        title="Government of Italy",
        acronym="",
        kind="government",
        country="IT",
        region="europe",
        summary=(
            "Involved through the Ministry of Foreign Affairs and Italy's Permanent Mission to "
            "the United Nations; Italy hosted the 2002 Palermo conference on e-government for "
            "development."
        ),
    ),
    PartnerData(
        slug="intel",
        title="Intel Corporation",
        acronym="Intel",
        kind="private",
        country="US",
        region="north-america",
        summary=(
            "Brings a global technology company's view of the hardware and connectivity that "
            "digital public services depend on."
        ),
    ),
    PartnerData(
        slug="rcoci",
        title="Regional Cooperation Office for City Informatization",
        acronym="RCOCI",
        kind="network",
        summary=(
            "Encourages cities to cooperate on informatization so that local governments can "
            "learn from each other's digital projects."
        ),
    ),
    PartnerData(
        slug="it4all",
        title="IT4ALL Network of Local Authorities for the Information Society",
        acronym="IT4ALL",
        kind="network",
        summary=(
            "Local authorities working together so that residents of every city and region "
            "share in the benefits of the information society."
        ),
    ),
    PartnerData(
        slug="cifal-bilbao",
        title="CIFAL Bilbao, International Center for Training of Local Agents",
        acronym="CIFAL Bilbao",
        kind="academia",
        country="ES",
        region="europe",
        summary=(
            "A training centre in Bilbao that strengthens the skills of local government staff "
            "and other local actors."
        ),
    ),
    PartnerData(
        slug="ibm",
        title="IBM",
        acronym="IBM",
        kind="private",
        country="US",
        region="north-america",
        summary=(
            "Contributes the experience of a global technology and consulting firm with large "
            "public-sector information systems."
        ),
    ),
    PartnerData(
        slug="microsoft",
        title="Microsoft Corporation",
        acronym="Microsoft",
        kind="private",
        country="US",
        region="north-america",
        summary=(
            "Shares a global software company's experience of working with governments on "
            "online services and digital skills."
        ),
    ),
    # Other organisations active in the field, listed beside the partners.
    PartnerData(
        slug=UN_ESCWA,
        title="United Nations Economic and Social Commission for Western Asia",
        acronym="UN ESCWA",
        kind="un",
        country="LB",
        region="arab-states",
        summary=(
            "The UN regional commission for the Arab region; it co-organised the 2013 Amman "
            "workshop and runs the ENACT project on innovation in Arab public institutions."
        ),
    ),
    PartnerData(
        slug="uneca",
        title="United Nations Economic Commission for Africa",
        acronym="UNECA",
        kind="un",
        country="ET",
        region="africa",
        summary=(
            "The UN regional commission for Africa, for which digital government is part of "
            "the continent's wider development agenda."
        ),
    ),
    PartnerData(
        slug=ITU,
        title="International Telecommunication Union",
        acronym="ITU",
        kind="un",
        country="CH",
        summary=(
            "The UN specialised agency for information and communication technologies, and a "
            "co-organiser of the yearly WSIS Forum in Geneva."
        ),
    ),
    PartnerData(
        slug=JORDAN_MOICT,
        title="Ministry of Information and Communications Technology, Jordan",
        acronym="MoICT",
        kind="government",
        country="JO",
        region="arab-states",
        summary=(
            "The Jordanian ministry in charge of ICT policy, which hosted the 2013 international "
            "workshop on e-government best practices in Amman."
        ),
    ),
)

# --- Events ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class EventData:
    slug: str
    title: str
    summary: str
    start: dt.datetime  # wall-clock time in time_zone
    end: dt.datetime
    time_zone: str
    event_format: str  # an EventPage.Format value
    organisers: tuple[str, ...]  # partner slugs
    body: tuple[str, ...] = ()
    venue: str = ""
    city: str = ""
    country: str = ""
    languages: str = ""
    action_lines: tuple[int, ...] = ()
    themes: tuple[str, ...] = ()
    sdg_targets: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()


# Where the record gives dates but no hours, events run 09:00 to 17:00 local time.
EVENTS: tuple[EventData, ...] = (
    EventData(
        slug="palermo-2002-e-government-for-development",
        title="International Conference on e-Government for Development",
        summary=(
            "Governments and international organisations gathered in Palermo to ask how "
            "e-government can serve development. Italy organised it, with UN DESA's support."
        ),
        body=(
            "The two-day conference was organised by the Government of Italy with the support "
            "of UN DESA, and was one of the first global meetings to put e-government at the "
            "service of development goals.",
        ),
        start=dt.datetime(2002, 4, 10, 9, 0),
        end=dt.datetime(2002, 4, 11, 17, 0),
        time_zone="Europe/Rome",
        event_format="in-person",
        city="Palermo",
        country="IT",
        organisers=(ITALY, DPADM),
        action_lines=(1, 7),
        themes=("capacity-building",),
        countries=("IT",),
    ),
    EventData(
        slug="manama-2013-governance-innovation-ict",
        title="UN Workshop: Promoting Governance through Innovation and ICT",
        summary=(
            "A UN workshop in Manama on strengthening governance with innovation and ICT, held "
            "within the programme of the 2013 United Nations Public Service Awards."
        ),
        body=(
            "The workshop took place in Bahrain while the United Nations Public Service Awards "
            "(UNPSA) 2013 were being celebrated, bringing public servants from many countries "
            "together around innovative uses of ICT in government.",
        ),
        start=dt.datetime(2013, 6, 24, 9, 0),
        end=dt.datetime(2013, 6, 27, 17, 0),
        time_zone="Asia/Bahrain",
        event_format="in-person",
        city="Manama",
        country="BH",
        organisers=(DPADM,),
        action_lines=(1, 7),
        themes=("whole-of-government",),
        sdg_targets=("16.6",),
        regions=("arab-states",),
        countries=("BH",),
    ),
    EventData(
        slug="amman-2013-e-government-best-practices",
        title="International Workshop on e-Government Best Practices",
        summary=(
            "Three days in Amman to compare proven e-government practice, hosted by Jordan's "
            "Ministry of ICT and organised by UN DESA together with UN ESCWA."
        ),
        body=(
            "More than 60 participants worked through 16 sessions over the three days, sharing "
            "what has worked in their own administrations and what others could reuse.",
            "The workshop was held at the UN ESCWA Technology Center, with the Jordanian "
            "Ministry of ICT as host.",
        ),
        start=dt.datetime(2013, 12, 3, 9, 0),
        end=dt.datetime(2013, 12, 5, 17, 0),
        time_zone="Asia/Amman",
        event_format="in-person",
        venue="UN ESCWA Technology Center",
        city="Amman",
        country="JO",
        organisers=(DPADM, UN_ESCWA, JORDAN_MOICT),
        action_lines=(4, 7, 11),
        themes=("capacity-building", "regional-cooperation"),
        regions=("arab-states",),
        countries=("JO",),
    ),
    EventData(
        slug="wsis-forum-2018-c1-c7-c11",
        title="WSIS Forum 2018: Facilitation Meeting on Action Lines C1, C7 and C11",
        summary=(
            "UN DESA's session at the WSIS Forum in Geneva on bringing ICT and e-government "
            "strategies into line with national development strategies."
        ),
        body=(
            "Under the title \u201cAligning ICT and e-Government Strategies with National "
            "Development Strategies\u201d, UN DESA brought together the facilitators and "
            "stakeholders of action lines C1, C7 (e-government) and C11.",
            "What the meeting concluded went into the UN E-Government Survey 2018 and into "
            "the High-level Political Forum of the same year.",
        ),
        start=dt.datetime(2018, 3, 19, 9, 0),
        end=dt.datetime(2018, 3, 23, 17, 0),
        time_zone="Europe/Zurich",
        event_format="in-person",
        city="Geneva",
        country="CH",
        organisers=(DPADM, ITU),
        action_lines=(1, 7, 11),
        themes=("whole-of-government", "public-private-partnerships"),
        sdg_targets=("16.6",),
        countries=("CH",),
    ),
    EventData(
        slug="enact-kick-off-webinar",
        title="ENACT project kick-off webinar",
        summary=(
            "UN ESCWA opened ENACT, its project to speed up the use of technology and "
            "innovation in Arab public institutions, with an online launch meeting."
        ),
        body=(
            "The webinar started a collection of case studies and a call for good practices in "
            "public-sector technology and innovation, and gave a briefing on the Arab Open and "
            "Innovative Government Portal.",
            "The project contributes to SDG targets 16.6 and 17.7.",
        ),
        start=dt.datetime(2023, 3, 20, 10, 0),
        end=dt.datetime(2023, 3, 20, 12, 30),
        time_zone="Asia/Beirut",
        event_format="online",
        languages="Arabic and English, with interpretation",
        organisers=(UN_ESCWA,),
        action_lines=(7,),
        themes=("e-participation-open-data", "regional-cooperation"),
        sdg_targets=("16.6", "17.7"),
        regions=("arab-states",),
    ),
)

# --- Knowledge base -------------------------------------------------------------------------


@dataclass(frozen=True)
class ResourceData:
    slug: str
    title: str
    resource_type: str  # a ResourcePage.ResourceType value
    summary: str
    publisher: str  # partner slug
    publication_date: dt.date
    body: tuple[str, ...]  # paragraphs of plain text
    quote: str = ""
    last_reviewed: dt.date | None = None
    licence: str = "CC-BY-4.0"
    language: str = "en"
    featured: bool = False
    action_lines: tuple[int, ...] = ()
    themes: tuple[str, ...] = ()
    sdg_targets: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()


RESOURCES: tuple[ResourceData, ...] = (
    ResourceData(
        slug="wsis-forum-2018-c1-c7-c11-outcomes",
        title="Aligning e-government with national development: WSIS Forum 2018 outcomes",
        resource_type="outcome",
        summary=(
            "What the 2018 facilitation meeting on action lines C1, C7 and C11 concluded, the "
            "trends it spotted and the theme it proposed for the following year."
        ),
        publisher=DPADM,
        publication_date=dt.date(2018, 3, 23),
        body=(
            "Two trends stood out: digital marketplaces that connect government ICT projects "
            "with small and medium-sized enterprises, and public services delivered through "
            "partnerships with business and with civil society.",
            "The findings informed the UN E-Government Survey 2018, which covers all 193 UN "
            "Member States, and the 2018 High-level Political Forum. For 2019 the meeting "
            "proposed the following theme:",
        ),
        quote="Empowering people and ensuring inclusiveness and equality",
        featured=True,
        action_lines=(1, 7, 11),
        themes=("public-private-partnerships", "whole-of-government"),
        sdg_targets=("16.6",),
        countries=("CH",),
    ),
    ResourceData(
        slug="wsis-plus-10-vision-for-e-government",
        title="The WSIS+10 vision for e-government",
        resource_type="report",
        summary=(
            "Five priorities for action line C7 after 2015, and the goal of offering every "
            "essential government service electronically."
        ),
        publisher=DPADM,
        publication_date=dt.date(2014, 6, 13),
        body=(
            "The vision asks governments to integrate services across the whole of government; "
            "to make e-government inclusive through e-participation and open data; to deliver "
            "through several channels so that nobody is left on the wrong side of the digital "
            "divide; to protect privacy and security; and to invest in skills and shared "
            "knowledge.",
            "Its headline target is that 100% of essential public services be available "
            "electronically, with each government deciding which services count as essential.",
        ),
        featured=True,
        action_lines=(7,),
        themes=(
            "whole-of-government",
            "e-participation-open-data",
            "multichannel-digital-divide",
            "privacy-security",
            "capacity-building",
        ),
        sdg_targets=("16.6",),
    ),
    ResourceData(
        slug="enact-good-practices-call",
        title="ENACT: case studies and a call for good practices in public-sector innovation",
        resource_type="good-practice",
        summary=(
            "UN ESCWA is gathering examples of Arab public institutions using technology and "
            "innovation to work better, and invites administrations to send in their own."
        ),
        publisher=UN_ESCWA,
        publication_date=dt.date(2023, 3, 20),
        body=(
            "Launched at the ENACT kick-off webinar, the collection documents how public bodies "
            "in the Arab region apply new technology to their daily operations.",
            "Submissions are shared through the Arab Open and Innovative Government Portal, "
            "and the work supports SDG targets 16.6 and 17.7.",
        ),
        featured=True,
        action_lines=(7,),
        themes=("e-participation-open-data", "regional-cooperation"),
        sdg_targets=("16.6", "17.7"),
        regions=("arab-states",),
    ),
    ResourceData(
        slug="amman-2013-workshop-outcome",
        title="e-Government best practices: outcome of the Amman workshop",
        resource_type="outcome",
        summary=(
            "A summary of the December 2013 workshop in Amman, where more than 60 participants "
            "compared e-government practice over 16 sessions."
        ),
        publisher=DPADM,
        publication_date=dt.date(2013, 12, 5),
        body=(
            "Organised by UN DESA and UN ESCWA and hosted by Jordan's Ministry of ICT at the "
            "UN ESCWA Technology Center, the workshop let participants present practices that "
            "had proved themselves and discuss how to adapt them elsewhere.",
        ),
        action_lines=(4, 7, 11),
        themes=("capacity-building", "regional-cooperation"),
        regions=("arab-states",),
        countries=("JO",),
    ),
    ResourceData(
        slug="palermo-2002-conference-report",
        title="Report of the Palermo conference on e-government for development",
        resource_type="report",
        summary=(
            "The record of the April 2002 conference in Palermo, organised by Italy with UN "
            "DESA, on what e-government can do for developing countries."
        ),
        publisher=ITALY,
        publication_date=dt.date(2002, 4, 11),
        body=(
            "The report gathers the discussions of the two days in Palermo, when governments "
            "and international organisations looked at e-government as a tool for development "
            "rather than an end in itself.",
        ),
        licence="all-rights-reserved",
        action_lines=(1, 7),
        themes=("capacity-building",),
        countries=("IT",),
    ),
    ResourceData(
        slug="manama-2013-workshop-presentations",
        title="Promoting governance through innovation and ICT: Manama workshop presentations",
        resource_type="presentation",
        summary=(
            "Slides from the UN workshop held in Manama during the 2013 United Nations Public "
            "Service Awards."
        ),
        publisher=DPADM,
        publication_date=dt.date(2013, 6, 27),
        body=(
            "The presentations show how administrations used innovation and ICT to make "
            "governance more effective, as discussed in Bahrain during UNPSA 2013.",
        ),
        action_lines=(1, 7),
        themes=("whole-of-government",),
        sdg_targets=("16.6",),
        regions=("arab-states",),
        countries=("BH",),
    ),
)

# --- Sample expert profiles (fictional people) ----------------------------------------------


@dataclass(frozen=True)
class ExpertData:
    email: str  # always @example.org: these people do not exist
    first_name: str
    last_name: str
    headline: str
    biography: str
    affiliation: str
    country: str
    region: str
    languages: str
    action_lines: tuple[int, ...] = ()
    themes: tuple[str, ...] = ()
    visibility: str = "public"

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


SAMPLE_EXPERTS: tuple[ExpertData, ...] = (
    ExpertData(
        email="sample.amina@example.org",
        first_name="Amina",
        last_name="Sample",
        headline="E-government strategist for integrated public services in the Arab region",
        biography=(
            "A made-up profile. Amina has spent a decade helping ministries join up their "
            "online services so that citizens deal with one government, not twenty offices."
        ),
        affiliation="Example Digital Government Unit (fictional)",
        country="JO",
        region="arab-states",
        languages="ar, en",
        action_lines=(1, 7),
        themes=("whole-of-government", "e-participation-open-data"),
    ),
    ExpertData(
        email="sample.jean@example.org",
        first_name="Jean",
        last_name="Exemple",
        headline="Adviser to municipalities on online local services",
        biography=(
            "A made-up profile. Jean works with town halls on services that people can use "
            "from a basic phone as well as at the counter, and trains local staff to run them."
        ),
        affiliation="Association of Sample Towns (fictional)",
        country="SN",
        region="africa",
        languages="fr, en",
        action_lines=(4, 7),
        themes=("multichannel-digital-divide", "capacity-building"),
    ),
    ExpertData(
        email="sample.rosa@example.org",
        first_name="Rosa",
        last_name="Ejemplo",
        headline="Researcher in open government data and citizen participation",
        biography=(
            "A made-up profile. Rosa studies how published government data is actually reused "
            "and what makes online consultations change decisions."
        ),
        affiliation="Sample Institute for Public Policy (fictional)",
        country="CL",
        region="latin-america-caribbean",
        languages="es, en",
        action_lines=(3, 7),
        themes=("e-participation-open-data",),
    ),
    ExpertData(
        email="sample.mei@example.org",
        first_name="Mei",
        last_name="Placeholder",
        headline="Digital skills trainer for civil servants",
        biography=(
            "A made-up profile, visible to signed-in members only. Mei designs short courses "
            "that help officials plan, buy and manage digital projects."
        ),
        affiliation="Placeholder School of Government (fictional)",
        country="PH",
        region="asia-pacific",
        languages="en, fil",
        action_lines=(4,),
        themes=("capacity-building", "regional-cooperation"),
        visibility="members",
    ),
    ExpertData(
        email="sample.erik@example.org",
        first_name="Erik",
        last_name="Muster",
        headline="Security architect for public-sector digital identity",
        biography=(
            "A made-up profile. Erik designs electronic identity and data-exchange systems that "
            "keep personal data safe while letting agencies share what they must."
        ),
        affiliation="Muster Consulting (fictional)",
        country="EE",
        region="europe",
        languages="en, et, de",
        action_lines=(5, 7),
        themes=("privacy-security", "public-private-partnerships"),
    ),
)


# --- Calls and opportunities ----------------------------------------------------------------


@dataclass(frozen=True)
class CallData:
    slug: str
    title: str
    kind: str  # a CallPage.Kind value
    summary: str
    description: tuple[str, ...]  # paragraphs of plain text
    deadline: dt.date


CALLS: tuple[CallData, ...] = (
    CallData(
        slug="good-practices-technology-innovation-arab-public-sector",
        title="Good practices in technology and innovation in Arab public institutions",
        kind="good-practices",
        summary=(
            "Share a practice in which technology or innovation made a public institution in "
            "the Arab region work better: for SDG targets 16.6 and 17.7."
        ),
        description=(
            "The call was launched at the kick-off webinar of the ENACT project and collects "
            "case studies of technology and innovation in the public sector.",
            "Describe what was done, who did it, what changed, and what others can reuse. "
            "Moderators review every submission before it appears in the knowledge base.",
        ),
        # Fixed, so that loading the demo twice changes nothing; a later one opens it again.
        deadline=dt.date(2027, 12, 31),
    ),
)


# --- Translations ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TranslationData:
    """A page's content in another language: the fields that differ from the original.

    Text fields hold strings; the home page's `aims` a tuple of them, as in the English data.
    `translated_on` says when the translation was last brought up to date with its original;
    None means along with the original as loaded. A date before the demo is loaded makes the
    translation older than its original, so readers see the "may be out of date" notice.
    """

    language: str
    fields: dict[str, str | tuple[str, ...]]
    translated_on: dt.datetime | None = None


HOME_TRANSLATIONS: tuple[TranslationData, ...] = (
    TranslationData(
        language="ar",
        fields={
            "title": "مجتمع الخبرة في مجال الحوكمة الإلكترونية من أجل التنمية",
            "tagline": "نتبادل ما ينجح في الحكومة الرقمية، لتصل الخدمات العامة إلى الجميع.",
            "introduction": (
                "شبكة عالمية من الموظفين العموميين والباحثين والشركات والجامعات والمنظمات "
                "الدولية الذين يسخّرون تكنولوجيا المعلومات والاتصالات لحكومة أفضل وتنمية "
                "أسرع. يقود المجتمعَ قسمُ الإدارة العامة وإدارة التنمية في إدارة الشؤون "
                "الاقتصادية والاجتماعية بالأمم المتحدة، ويربط الشبكات القائمة ويساعد "
                "أعضاءها على أن يجد بعضهم بعضًا وأن يجدوا الموارد ويبدؤوا الشراكات."
            ),
            "aims": (
                "ربط شبكات الحوكمة الإلكترونية العاملة على المستويات المحلية والوطنية "
                "والإقليمية والعالمية حول رصيد مشترك واحد من المعرفة.",
                "التواصل مع الحكومات وقطاع الأعمال والمنظمات الدولية والمجتمع المدني "
                "والأوساط التقنية والأكاديمية، ومساعدتها على بناء الشراكات معًا.",
                "توفير ملتقى للمناصرة والمشورة في السياسات، يستند إلى التعاون بين الشمال "
                "والجنوب وفيما بين بلدان الجنوب.",
                "بيان كيف يمكن لتكنولوجيا المعلومات والاتصالات أن تساعد في الحد من الفقر "
                "وتسريع التنمية.",
                "تنمية رصيد من الخبرة الدولية تعتمد عليه الشراكات الجديدة.",
            ),
        },
    ),
    TranslationData(
        language="fr",
        fields={
            "title": "Communauté d'expertise sur la gouvernance électronique pour le développement",
            "tagline": (
                "Partager ce qui marche dans l'administration numérique, pour que les services "
                "publics atteignent chacun."
            ),
            "introduction": (
                "Un réseau mondial d'agents publics, de chercheurs, d'entreprises, d'universités "
                "et d'organisations internationales qui mettent les technologies de "
                "l'information et de la communication au service d'une meilleure "
                "administration et d'un développement plus rapide. Animée par la DPADM du "
                "DESA des Nations Unies, la communauté relie les réseaux existants et aide "
                "leurs membres à se trouver, à trouver des ressources et à nouer des "
                "partenariats."
            ),
            "aims": (
                "Relier les réseaux de gouvernance électronique qui travaillent déjà aux "
                "niveaux local, national, régional et mondial, autour d'un même fonds de "
                "connaissances.",
                "Aller vers les gouvernements, les entreprises, les organisations "
                "internationales, la société civile et les milieux techniques et "
                "universitaires, et les aider à bâtir ensemble des partenariats.",
                "Offrir un lieu de rencontre au plaidoyer et au conseil en politiques "
                "publiques, fondé sur la coopération Nord-Sud et Sud-Sud.",
                "Montrer comment les TIC peuvent aider à réduire la pauvreté et à accélérer "
                "le développement.",
                "Constituer un vivier d'expertise internationale sur lequel les nouveaux "
                "partenariats peuvent compter.",
            ),
        },
    ),
)

# The events index, translated into Arabic with the original, and into French before the
# English introduction was last revised: the French page says it may be out of date.
EVENT_INDEX_TRANSLATIONS: tuple[TranslationData, ...] = (
    TranslationData(
        language="ar",
        fields={
            "title": "الفعاليات",
            "intro": (
                "مؤتمرات وورش عمل وندوات عبر الإنترنت يلتقي فيها أعضاء المجتمع ويتبادلون الخبرات."
            ),
        },
    ),
    TranslationData(
        language="fr",
        fields={
            "title": "Événements",
            "intro": "Conférences, ateliers et webinaires de la communauté.",
        },
        translated_on=dt.datetime(2025, 11, 17, 9, 0, tzinfo=dt.UTC),
    ),
)
