"""The demo content that `manage.py seed_demo` creates, as plain data.

Everything here is written in our own words. Organisations, places and the shape of the
March 2024 consultation are facts taken from the seed documents; the summaries, bodies and
outcomes describe what each piece of work set out to do and why it matters, without figures,
dates or quotes the sources do not give. The demo members are fictional people.

Page bodies ("stream" values) are lists whose items are turned into StoryBlock blocks by
`home.seeding`:

- ``"## Text"`` is a level-2 heading and ``"### Text"`` a level-3 heading;
- any other string is a paragraph;
- a list of strings is a bulleted list.

Paragraphs and list items are rich-text HTML fragments: inline tags (``<a>``, ``<b>``) are
allowed, so a literal ampersand or angle bracket must be written as an entity.
"""

import datetime

HOME = {
    "slug": "home",
    "title": "Connected Places",
    "intro": (
        "A place for the people who run and change local public services to share what "
        "works, learn from what didn't, and build connected places together."
    ),
    "body": [
        "## Why we are here",
        "Councils, health bodies, emergency planners and their partners often solve the same "
        "problem in parallel. A sensor network, a data standard or a way of reaching residents "
        "who are not online gets worked out in one place, then rebuilt from scratch fifty miles "
        "away. Connected Places exists so that the second team can start where the first one "
        "finished.",
        "The site is organised around the eight components of a connected place, from health "
        "and wellbeing to data. Each one is a community with its own discussions, events and "
        "library of case studies, written up by the people who did the work.",
        "## Get involved",
        "Anyone can read the case studies and see what is coming up. Create an account to join "
        "communities, take part in discussions, and register for events and consultations.",
    ],
}

# Pages directly under the home page, in menu order. "kind" names the page type.
SECTION_PAGES = [
    {
        "kind": "community_index",
        "slug": "communities",
        "title": "Communities",
        "show_in_menus": True,
        "intro": (
            "Eight communities, one for each component of a connected place. Each brings "
            "together the policy, the practice and the people doing the work."
        ),
    },
    {
        "kind": "case_study_index",
        "slug": "case-studies",
        "title": "Case studies",
        "show_in_menus": True,
        "intro": (
            "Real examples of connected places in practice, from councils, health bodies, "
            "charities, businesses and cities abroad. Filter them by component, type of place "
            "or organisation."
        ),
    },
    {
        "kind": "event_index",
        "slug": "events",
        "title": "Events",
        "show_in_menus": True,
        "intro": (
            "Workshops, webinars, meetups and consultations run by and for members. Past "
            "events keep their reports and calls to action."
        ),
    },
]

STANDARD_PAGES = [
    {
        "slug": "about",
        "title": "About Connected Places",
        "show_in_menus": True,
        "intro": "Why this site exists, who it is for and how it works.",
        "body": [
            "## What a connected place is",
            "A connected place is somewhere people, communities and the place itself can "
            "thrive, because public policy and up-to-date technology are made to work together "
            "and everyone shares in the benefit. Socitm's research on connected places "
            "describes eight components of such a place, from health and wellbeing to data. "
            "Each has a community here.",
            "## Where the idea came from",
            "In March 2024 around forty people from councils, central government, industry, "
            "universities and charities spent two days at St George's House, Windsor Castle, "
            "talking about connected places and artificial intelligence. One of the calls to "
            "action they set out was to support communities of interest and practice, so that "
            "people doing similar work could build on each other's experience instead of "
            "starting again. This site is one answer to that call.",
            "## Who it is for",
            "Digital, data and service leaders in local public services, and the people they "
            "work with in central government, industry, universities, research bodies and the "
            "voluntary sector. You do not need to be senior: if you are doing the work, your "
            "experience is worth sharing.",
            "## How it works",
            [
                "<b>Communities.</b> Most are open to any member. Some ask a facilitator to "
                "approve each new member, and a few are by invitation only.",
                "<b>Discussions.</b> Start a thread, reply, mention a colleague, and watch the "
                "threads you care about.",
                "<b>Events and consultations.</b> Register online. After each event the "
                "organisers publish a report and any calls to action.",
                "<b>Case studies.</b> Anyone can read them. Members can submit their own, and "
                "our editors review each one before it is published.",
                "<b>A weekly digest.</b> One email a week with what is new in your "
                "communities, if you want it.",
            ],
        ],
    },
    {
        "slug": "privacy",
        "title": "Privacy notice",
        "show_in_menus": False,
        "intro": (
            "What we keep about you, why we keep it, for how long, and what you can do about it."
        ),
        "body": [
            "## Who we are",
            "Connected Places is an online community of practice for people working on local "
            "public services. We are the data controller for the personal data described on "
            "this page. If you have a question about it, email "
            '<a href="mailto:privacy@example.org">privacy@example.org</a>.',
            "## What we keep",
            [
                "<b>Your account:</b> your email address (and, while you are changing it, the "
                "new address until you confirm it), your password stored only as a one-way "
                "hash so that nobody can read it, and when you joined and last signed in.",
                "<b>Your profile:</b> what you choose to tell other members: your name, the "
                "name and handle you use here, organisation, job title, sector, place, a few "
                "words about you, the topics you are interested in, and whether you appear in "
                "the member directory.",
                "<b>Two-factor authentication</b>, if you turn it on: the key your "
                "authenticator app uses and your recovery codes, both stored encrypted.",
                "<b>Your preferences:</b> which emails you want from us, how often you want the "
                "digest, and whether you want notifications on the site.",
                "<b>Your activity:</b> the communities you join or ask to join, the discussions "
                "you start, your posts and their earlier versions, the discussions you watch or "
                "have read, the posts you found helpful, and posts you report to a facilitator.",
                "<b>Event registrations:</b> the events you register for, your answers to the "
                "organisers' questions (for example access or dietary needs), any message the "
                "organisers send you about your place, and whether you attended.",
                "<b>Notifications and digests:</b> the notifications we show you on the site, "
                "and a record of each digest email we sent you.",
                "<b>Sign-in records:</b> while you are signed in, a session on our server that "
                "remembers who you are. To stop people guessing passwords, we count attempts to "
                "sign in, create accounts and reset passwords for a short time, by internet "
                "address and by a scrambled form of the email address used.",
            ],
            "## Why we keep it, and our lawful basis",
            [
                "To give you an account and the features you signed up for, such as joining "
                "communities and posting. This is necessary to provide the service you asked "
                "for (contract).",
                "To run events you register for, including sharing your name, organisation and "
                "your answers with the event's organisers (contract). We only use information "
                "about access or health needs to make arrangements for you, and only with your "
                "explicit consent.",
                "To send the digest and notification emails you choose to receive (consent). "
                "Every digest has a one-click unsubscribe link, and you can change your choices "
                "at any time on your account's emails and notifications page.",
                "To keep the site and your account safe: limits on how often people can try to "
                "sign in or create accounts, emails telling you when your password, email "
                "address or two-factor settings change, and moderation of reported posts "
                "(legitimate interests).",
            ],
            "We do not sell your data, we do not show advertising and we do not use your data "
            "to profile you for marketing.",
            "## Cookies",
            "We use only the cookies the site needs to work: one that keeps you signed in, one "
            "that carries short messages from one page to the next, and one that protects "
            "forms against forgery. We do not use analytics or advertising cookies.",
            "## Who can see what",
            "Signed-in members can see your profile and find you in the member directory, "
            "unless you choose not to appear there. Everyone can see your display name beside "
            "what you post, and posts in open communities can be read by anyone, including "
            "people who are not signed in. Organisers of an event see the registrations for it. "
            "We use a small number of suppliers, for hosting and for sending email, who handle "
            "data only on our instructions and under contract.",
            "## How long we keep it",
            [
                "Your account, profile, preferences, notifications and two-factor settings: "
                "until you delete your account.",
                "Your answers to event organisers' questions, and their messages to you: "
                "deleted 30 days after the event ends. That you registered, for which "
                "organisation, and whether you attended, is kept with your account.",
                "Your session: until you sign out, and two weeks at most. Expired sessions are "
                "deleted every day.",
                "Counts of attempts to sign in, create accounts or reset passwords: a few "
                "minutes, and never more than an hour.",
                "Links and codes we email you: a link to confirm your email address or to reset "
                "your password works for 3 days, and a sign-in code for 10 minutes.",
                "An account whose email address is never confirmed cannot be used, and is "
                "deleted 30 days after it was created.",
                "Server logs: 30 days.",
                "Backups: overwritten within 35 days, so anything deleted from the site is "
                "gone from backups after that.",
            ],
            "## Getting a copy of your data",
            "Signed in, go to your account settings and choose <b>Your data</b>. It lists what "
            "we hold and lets you download all of it as one file, in JSON, a plain-text format "
            "that other services and most text editors can open. Only you can download it.",
            "## Deleting your account",
            "From <b>Your data</b> you can delete your account. We ask for your password to "
            "make sure it is you, and the deletion happens at once. It cannot be undone.",
            [
                "We erase your account, email addresses, profile, preferences, two-factor "
                "settings, notifications, digest records, community memberships, the "
                "discussions you watched or read, and the posts you marked as helpful.",
                "Your places at upcoming events are cancelled, so people on a waiting list "
                "can take them, and your answers to organisers' questions are erased.",
                "Discussions you started and posts you wrote stay, so that conversations still "
                "make sense, but they are no longer linked to you and show as from a former "
                "member. If you want something you wrote removed, delete the post first.",
                "Notifications other members received about what you did no longer show your "
                "name, and reports you made to facilitators stay without your name.",
                "You are signed out on every device, and we send one last email to your "
                "address to confirm the deletion.",
            ],
            "## Your other rights",
            "You also have the right to ask us for a copy of your data, to correct it, to "
            "restrict or object to how we use it, and to have it erased. You can correct most "
            "of it yourself in your account settings. For anything else, email "
            '<a href="mailto:privacy@example.org">privacy@example.org</a> and we will reply '
            "within one month.",
            "## Complaints",
            "If you are unhappy with how we have handled your data, please tell us first. You "
            "can also complain to the Information Commissioner's Office (ICO) at "
            '<a href="https://ico.org.uk">ico.org.uk</a>.',
        ],
    },
    {
        "slug": "accessibility",
        "title": "Accessibility statement",
        "show_in_menus": False,
        "intro": "This accessibility statement applies to the Connected Places website.",
        "body": [
            "We want as many people as possible to be able to use this website. For example, "
            "you should be able to:",
            [
                "change colours, contrast and fonts using your browser or device settings;",
                "zoom in up to 400% without text spilling off the screen;",
                "move around the whole website using only a keyboard;",
                "use the website with speech recognition software;",
                "listen to the website using a screen reader, such as recent versions of JAWS, "
                "NVDA or VoiceOver.",
            ],
            "Every page also works without JavaScript, and we have tried to keep our own "
            "writing plain and simple.",
            '<a href="https://mcmw.abilitynet.org.uk/">AbilityNet</a> has advice on making '
            "your device easier to use if you have a disability.",
            "## How accessible this website is",
            "We know some parts of this website are not fully accessible:",
            [
                "documents that members attach, such as PDFs, may not work well with a screen "
                "reader;",
                "posts written by members may lack headings or meaningful link text, and "
                "images they share may lack a text description.",
            ],
            "## Feedback and contact information",
            "If you need information on this website in a different format, such as accessible "
            "PDF, large print, easy read or audio, email "
            '<a href="mailto:accessibility@example.org">accessibility@example.org</a>. We '
            "will consider your request and reply within 10 working days.",
            "## Reporting accessibility problems with this website",
            "We are always looking to improve the accessibility of this website. If you find a "
            "problem that is not listed on this page, or you think we are not meeting "
            "accessibility requirements, email "
            '<a href="mailto:accessibility@example.org">accessibility@example.org</a> and tell '
            "us the address of the page and what went wrong.",
            "## Enforcement procedure",
            "The Equality and Human Rights Commission (EHRC) is responsible for enforcing the "
            "Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility "
            "Regulations 2018 (the accessibility regulations). If you are not happy with how "
            "we respond to your complaint, contact the "
            '<a href="https://www.equalityadvisoryservice.com/">Equality Advisory and Support '
            "Service (EASS)</a>.",
            "## Technical information about this website's accessibility",
            "We are committed to making this website accessible, in line with the accessibility "
            "regulations.",
            "### Compliance status",
            "We aim to meet the Web Content Accessibility Guidelines (WCAG) version 2.2 at "
            "level AA. The website is partially compliant with that standard, because of the "
            "member-contributed content described above.",
            "### Content that is not within the scope of the accessibility regulations",
            "Documents published before 23 September 2018 and live video are exempt. Content "
            "that members post is their own, but we still ask everyone to follow our guidance "
            "on writing accessible posts.",
            "## What we are doing to improve accessibility",
            "We design every page with the GOV.UK Design System patterns, which are researched "
            "and tested with disabled people. Our editor prompts for a text description of "
            "every image, and we are adding guidance for members on accessible posts and "
            "attachments.",
            "## How we test this website",
            "Automated checks with axe-core run against every page template each time the code "
            "changes, and the build fails if they find a WCAG 2.2 A or AA problem. We also "
            "check the main journeys by hand using only a keyboard: signing up, joining a "
            "community, starting a discussion and registering for an event.",
            "## Preparation of this accessibility statement",
            "This statement was prepared on 23 November 2026. It will be reviewed at least once "
            "a year and whenever we make significant changes to the website.",
        ],
    },
    {
        "slug": "code-of-conduct",
        "title": "Code of conduct",
        "show_in_menus": False,
        "intro": (
            "How we expect members to treat each other, and what happens when something goes wrong."
        ),
        "body": [
            "## Why we have one",
            "Connected Places works only if people feel safe to share what went well, and what "
            "did not. This code applies everywhere on the site: discussions, profiles, case "
            "studies and events, online or in person.",
            "## Be respectful",
            [
                "Disagree with ideas, not people. Assume good faith.",
                "No harassment, discrimination, personal attacks or intimidation, whatever "
                "someone's role, organisation or background.",
                "Remember that public servants are doing difficult work under scrutiny. "
                "Criticism of a project is welcome; criticism of a named officer is not.",
            ],
            "## Share generously and honestly",
            [
                "Say what did not work as well as what did. Failures shared are lessons "
                "learned for everyone.",
                "Give credit to the people and organisations whose work you describe.",
                "Be clear about what you know first-hand and what you have heard.",
            ],
            "## Protect people's privacy",
            [
                "Never post personal information about residents, patients, service users or "
                "colleagues, even if you think it is anonymised.",
                "Do not share screenshots of private messages or restricted communities "
                "without permission.",
                "Some discussions and events run under the Chatham House Rule: you may use what "
                "you hear, but not say who said it.",
            ],
            "## No selling",
            "Suppliers and consultants are welcome members. Share expertise, but do not pitch "
            "products or send unsolicited sales messages, and declare any commercial interest "
            "when you recommend something.",
            "## If something goes wrong",
            "Use the report link on any post to tell the community's facilitators. Reports are "
            "confidential. Facilitators may hide posts, lock threads or remove members from a "
            "community; for serious or repeated breaches we may suspend or close an account. "
            "If you disagree with a decision, email "
            '<a href="mailto:conduct@example.org">conduct@example.org</a> and someone not '
            "involved will look at it again.",
        ],
    },
]

# The eight components of a connected place, in the order they are presented.
COMMUNITIES = [
    {
        "slug": "health-and-wellbeing",
        "title": "Health and wellbeing",
        "join_policy": "open",
        "summary": (
            "How places can be shaped so that people stay healthier for longer, and how "
            "services can adapt to the needs of the people and neighbourhoods they serve."
        ),
        "policy_framing": [
            "Wellbeing is not a separate service line. Almost everything a public body does, "
            "from housing repairs to bus timetables to the way it handles information, makes "
            "people's lives a little healthier or a little harder. This community starts from "
            "that view rather than from a narrow idea of digital health care.",
            "## What the policy asks of a place",
            "The aim is to plan neighbourhoods and services so that the healthy option is the "
            "easy one, and to treat being connected, to other people as well as to services, "
            "as part of good health. Resources should go where they make the most difference, "
            "which means knowing individuals and communities well enough to change what is "
            "offered when their needs change.",
            "That is simple to say and hard to pin down. What works in a dense city may not "
            "work on a rural estate, and averages can hide the needs of minority groups. The "
            "geography of a place, the make-up of its population and the character of each "
            "community all shape what a good service looks like there.",
            "## What we talk about here",
            "Care and monitoring at home, spotting cold and damp homes before people fall ill, "
            "digital inclusion as a health issue, and how health and council information can "
            "be joined up safely to target help.",
        ],
    },
    {
        "slug": "community-resilience",
        "title": "Community resilience",
        "join_policy": "open",
        "summary": (
            "Helping public services and the communities they serve to prepare for, withstand "
            "and recover from shocks, from floods and heatwaves to cyber attacks."
        ),
        "policy_framing": [
            "The risks places face keep shifting: extreme weather, pandemics, failures of "
            "critical infrastructure, and attacks on the systems that services now depend on. "
            "A resilient place is one where public bodies and residents have thought about "
            "these risks in advance and know how they would respond together.",
            "## What the policy asks of a place",
            "Resilience is partly about plans and partly about people. Close local ties, a "
            "sense of belonging and good information make communities better able to look "
            "after each other when something goes wrong. Public bodies, for their part, need to "
            "plan for incidents and for the recovery afterwards as a system, not agency by "
            "agency.",
            "No single organisation can see every risk. Councils, emergency services, health "
            "bodies and the companies that run utilities and networks have to pool what they "
            "know, so that they can understand threats, keep track of them, reduce them where "
            "they can and deal with the consequences for the people they serve.",
            "## What we talk about here",
            "Shared maps and data for emergency planning, securing the connected technology in "
            "our streets and buildings, recovery after major incidents, and keeping vulnerable "
            "residents in view when plans are put to the test.",
        ],
    },
    {
        "slug": "energy-and-environment",
        "title": "Energy and environmental sustainability",
        "join_policy": "open",
        "summary": (
            "Using technology and data to help residents and organisations reduce their "
            "environmental impact, and making sure the technology itself is clean, ethical "
            "and affordable."
        ),
        "policy_framing": [
            "Reaching net zero and adapting to a changing climate depend on millions of "
            "everyday decisions: how people heat their homes, how they travel, what they throw "
            "away. Public bodies can help by making good information easy to find and by "
            "helping residents understand the choices open to them.",
            "## What the policy asks of a place",
            "This component is about raising awareness of more sustainable ways to live and "
            "work, and giving people what they need to make informed decisions about their own "
            "footprint. It also asks the public sector to look at its own practice. The "
            "technology and data we rely on should be clean, ethical and affordable, and "
            "should add social and economic value to the place as well as cutting emissions.",
            "Data and AI can deepen our understanding of energy use and environmental harm, "
            "but this is contested ground, and evidence is easily pulled into political "
            "argument. Used with care, digital tools can help communities get ready for big "
            "shifts such as the move to electric vehicles or new ways of collecting waste, "
            "support lasting changes in behaviour, and answer misleading claims with clear "
            "facts.",
            "## What we talk about here",
            "Air-quality monitoring, residents' climate challenges and engagement on net zero, "
            "low-carbon digital infrastructure, and the energy cost of the technology we buy.",
        ],
    },
    {
        "slug": "democratic-engagement",
        "title": "Democratic and community engagement",
        "join_policy": "invitation",
        "summary": (
            "Giving residents real ways to shape the decisions that affect them, and building "
            "democratic processes for a digital age that remain open to scrutiny."
        ),
        "policy_framing": [
            "People should have a say in decisions about their streets, services and "
            "neighbourhoods, and taking part should not depend on being free to attend a "
            "meeting at the town hall on a weekday evening. Digital tools can open up "
            "consultation, participatory budgeting and everyday conversation between residents "
            "and the bodies that serve them.",
            "## What the policy asks of a place",
            "The aim is to create more and better chances for residents to take part in "
            "decision-making, and to think seriously about what democratic infrastructure "
            "should look like now that so much public life happens online. That infrastructure "
            "needs proper safeguards: clear accountability, independent oversight and ways to "
            "challenge how it is used.",
            "Technology cuts both ways. It has helped many more people speak up and find out "
            "what is being planned for them. It has also been used to spread false information, "
            "to sway opinion and votes, and to concentrate influence in the hands of a few "
            "powerful people, companies and even foreign states. Public bodies need to use "
            "digital engagement in ways that build trust rather than wear it down.",
            "## How this community works",
            "Membership is by invitation, so that members can talk candidly about live "
            "engagement work, elections and sensitive consultations. If you work in this field "
            "and would like to take part, ask one of the community's facilitators for an "
            "invitation.",
        ],
    },
    {
        "slug": "travel-and-mobility",
        "title": "Travel and mobility",
        "join_policy": "open",
        "summary": (
            "Treating transport as one connected system, so that getting around becomes "
            "cleaner, fairer and better for the local economy."
        ),
        "policy_framing": [
            "How people and goods move around a place shapes almost everything else: who can "
            "reach jobs and services, how clean the air is, how lively the high street feels "
            "and how much carbon the place emits. Mobility touches the economy, society and the "
            "environment at the same time.",
            "## What the policy asks of a place",
            "The research behind this component argues for looking at mobility as a whole "
            "rather than one mode at a time. Roads, buses, trains, cycling, walking and newer "
            "services such as shared vehicles work best when they are planned together, using "
            "good evidence about how people actually travel.",
            "Sensors, journey data and AI now make it possible to see congestion and demand "
            "almost as they happen and to respond. The challenge is to use that insight to make "
            "travel more sustainable and accessible for everyone, not merely quicker for some.",
            "## What we talk about here",
            "Traffic and congestion sensing, smart city programmes, joined-up ticketing and "
            "journey planning, and lessons from cities abroad.",
        ],
    },
    {
        "slug": "economy-and-business",
        "title": "Economy and business",
        "join_policy": "open",
        "summary": (
            "Strengthening local economies by building ecosystems of digital opportunity, "
            "where businesses, skills and infrastructure grow together."
        ),
        "policy_framing": [
            "Digital technology can bring new investment and better jobs to a place, but only "
            "when the pieces come together: connectivity and infrastructure, businesses willing "
            "to try new things, people with the skills to do the work, and public bodies that "
            "know how to partner with industry.",
            "## What the policy asks of a place",
            "This component looks at how places can strengthen their local economies by "
            "creating that kind of ecosystem. Enterprise zones, innovation clusters, "
            "procurement that gives smaller local firms a fair chance and partnerships with "
            "universities all have a part to play.",
            "Participants in the 2024 St George's House consultation observed that the "
            "boundary between local government and industry is moving, opening new chances for "
            "suppliers to work with councils on services that support both local growth and "
            "environmental goals. This community is a place to work out how to do that well.",
            "## What we talk about here",
            "Innovation in infrastructure and industry, local technology clusters, procurement "
            "reform, and how public bodies can help home-grown ideas reach a wider market.",
        ],
    },
    {
        "slug": "education-skills-and-jobs",
        "title": "Education, skills and jobs",
        "join_policy": "open",
        "summary": (
            "How learning, skills and good work in a digital age can make places fairer and "
            "more prosperous, for residents and for the public-sector workforce itself."
        ),
        "policy_framing": [
            "A place thrives when the people who live there can keep learning throughout their "
            "lives and find rewarding work. As more of everyday life moves online, digital "
            "skills and confidence are becoming as basic as reading and arithmetic, and people "
            "without them risk falling further behind.",
            "## What the policy asks of a place",
            "The research behind this component asks how education, skills and jobs in a "
            "digital age can drive equality, prosperity and wellbeing. That covers residents "
            "who need support to get online, young people entering a changing jobs market, and "
            "the public sector's own staff, who need the time and skills to keep pace with new "
            "technology.",
            "Frontline staff matter here too. Care workers, housing officers and others who "
            "spend their days with residents are often the last to get tools designed for their "
            "work, yet they have a great deal to gain from them.",
            "## What we talk about here",
            "Digital inclusion hubs, skills and capacity in council workforces, technology for "
            "frontline staff, and partnerships with colleges and universities.",
        ],
    },
    {
        "slug": "data",
        "title": "Data",
        "join_policy": "request",
        "summary": (
            "Using data well to make better decisions, reduce inequality and get resources to "
            "the people and places that need them most."
        ),
        "policy_framing": [
            "Public bodies hold a great deal of information about places and the people who "
            "live in them. Used with care, it can show where need is greatest, which services "
            "are working and where money would do most good. Used carelessly, it erodes the "
            "trust that services depend on.",
            "## What the policy asks of a place",
            "The research behind this component looks at how insight from data can lead to "
            "better decisions, greater equality and better-targeted resources. Much of that "
            "rests on unglamorous groundwork: common identifiers, shared standards, clear "
            "agreements about who may use what and why, and the skills to analyse data "
            "responsibly.",
            "Common data standards across the public sector came first among the calls to "
            "action from the 2024 St George's House consultation. Without them, every attempt "
            "to join up information across organisations begins by rebuilding the same "
            "foundations.",
            "## How this community works",
            "Joining is on request: a facilitator approves each new member, because "
            "discussions here often go into the detail of data-sharing agreements and "
            "information governance. Say a little about your role when you ask to join.",
        ],
    },
]

# Every case study the seed collection names. "components" lists community slugs, primary
# component first (the one the collection lists it under). Links are only stable, real
# addresses (organisations' home pages); where we know none, there are none.
CASE_STUDIES = [
    {
        "slug": "leeds-iot-social-housing",
        "title": "Leeds City Council: sensors in social housing",
        "organisation": "Leeds City Council",
        "place": "Leeds",
        "place_type": "city",
        "components": ["health-and-wellbeing"],
        "published_date": datetime.date(2024, 1, 16),
        "summary": (
            "Leeds City Council has explored using small internet of things (IoT) sensors in "
            "council homes. The idea is to spot problems such as cold and damp early, before "
            "they harm tenants' health."
        ),
        "body": [
            "Cold and damp homes make people ill, and problems such as condensation and mould "
            "often go unreported until they are serious. Small connected sensors can measure "
            "conditions like temperature and humidity and send readings back to the landlord, "
            "giving a housing team an early sign that a home, or the household living in it, "
            "needs attention.",
            "For the health and wellbeing community the interest is prevention: using a "
            "housing service's own information to act before a tenant needs a doctor, and "
            "directing repairs and support to the homes where they will help most. Projects "
            "like this also raise questions worth discussing openly, about consent, privacy "
            "and how tenants feel about data being collected in their homes.",
        ],
        "outcomes": (
            "The project set out to give the council earlier warning of homes at risk of "
            "damp, mould and cold, so that repairs and support could be targeted before "
            "tenants' health suffered."
        ),
        "links": [("Leeds City Council", "https://www.leeds.gov.uk/")],
    },
    {
        "slug": "nhs-england-virtual-wards",
        "title": "NHS England: virtual wards, or hospital at home",
        "organisation": "NHS England",
        "place": "England",
        "place_type": "national",
        "components": ["health-and-wellbeing"],
        "published_date": datetime.date(2024, 2, 6),
        "summary": (
            "Virtual wards let patients who would otherwise be in hospital receive acute care, "
            "monitoring and treatment at home. NHS England has backed them across the country "
            "as a way to care for people where they are most comfortable and to ease the "
            "pressure on hospital beds."
        ),
        "body": [
            "A virtual ward, sometimes called hospital at home, combines visits from clinical "
            "teams with technology such as apps, wearable devices and remote monitoring, so "
            "that a patient's condition can be followed and escalated without a hospital stay. "
            "It can mean going home sooner after treatment, or avoiding admission altogether.",
            "For places, virtual wards show how health care increasingly reaches into homes "
            "and neighbourhoods. They rely on things councils and their partners care about: "
            "dependable connectivity, suitable housing, digital confidence among patients and "
            "carers, and health and social care working as one.",
        ],
        "outcomes": (
            "The programme set out to offer suitable patients a safe alternative to a hospital "
            "bed, supporting recovery at home and keeping hospital capacity for the people who "
            "need it most."
        ),
        "links": [("NHS England", "https://www.england.nhs.uk/")],
    },
    {
        "slug": "smart-christchurch",
        "title": "Christchurch City Council: Smart Christchurch",
        "organisation": "Christchurch City Council",
        "place": "Christchurch, New Zealand",
        "place_type": "city",
        "components": ["community-resilience"],
        "published_date": datetime.date(2024, 2, 27),
        "summary": (
            "Smart Christchurch is the city council's programme for using technology and data "
            "to improve life in the city. It grew up alongside Christchurch's long recovery "
            "from the Canterbury earthquakes, which makes it a useful example of resilience "
            "built into a city's digital infrastructure."
        ),
        "body": [
            "Smart Christchurch brings together projects that use sensors, open data and "
            "digital services to understand how the city is working, from its environment to "
            "how people move around it. Much of the city centre had to be rebuilt after the "
            "earthquakes of 2010 and 2011, and the council's smart city work developed during "
            "that recovery.",
            "For the community resilience community, the interest lies in how a city that has "
            "lived through a major disaster approaches data and technology: as means of "
            "understanding risk, watching over the urban environment and keeping residents "
            "informed, rather than as ends in themselves.",
        ],
        "outcomes": (
            "The programme aims to use technology and data to make Christchurch a better place "
            "to live, work and visit, and to help the city understand and respond to changes in "
            "its environment and infrastructure."
        ),
        "links": [("Christchurch City Council", "https://ccc.govt.nz/")],
    },
    {
        "slug": "lincolnshire-geospatial-emergency-planning",
        "title": "Lincolnshire Resilience Forum: geospatial technology in emergency planning",
        "organisation": "Lincolnshire Resilience Forum",
        "place": "Lincolnshire",
        "place_type": "county",
        "components": ["community-resilience", "data"],
        "published_date": datetime.date(2024, 3, 19),
        "summary": (
            "Lincolnshire Resilience Forum brings together the emergency services, councils, "
            "health bodies and other responders across the county. It has used geospatial "
            "technology, maps and location data shared between partners, to plan for "
            "emergencies and respond to them."
        ),
        "body": [
            "Local resilience forums exist so that the organisations that respond to "
            "emergencies plan together. In a large, mostly rural county with a long coastline "
            "and a great deal of low-lying land, knowing where people, roads, critical "
            "infrastructure and hazards are, and seeing them all on one map, is central to "
            "that planning.",
            "Geospatial tools let partners work from a single picture of a situation: which "
            "homes sit in an area at risk of flooding, where vulnerable residents live, which "
            "routes are open. That common picture is the joined-up approach the community "
            "resilience component calls for, and it depends on the standards and sharing "
            "agreements discussed in the data community.",
        ],
        "outcomes": (
            "The work set out to give responders across Lincolnshire a shared, location-based "
            "view of risks and resources, so that plans are made together and decisions during "
            "an incident rest on the same information."
        ),
        "links": [],
    },
    {
        "slug": "ncsc-connected-places-security-principles",
        "title": "NCSC: cyber security principles for connected places",
        "organisation": "National Cyber Security Centre",
        "place": "United Kingdom",
        "place_type": "national",
        "components": ["community-resilience"],
        "published_date": datetime.date(2024, 4, 9),
        "summary": (
            "The National Cyber Security Centre has published principles to help local "
            "authorities and their partners design, build and run connected places securely. "
            "They treat the sensors, networks and data platforms behind smart services as "
            "infrastructure that needs protecting."
        ),
        "body": [
            "A connected place relies on devices and systems spread across streets, buildings "
            "and vehicles, often supplied and operated by several organisations. Each one is a "
            "possible way in for an attacker, and a compromise could disrupt services people "
            "rely on or expose information about their movements and homes.",
            "The principles take a local authority through understanding what its connected "
            "place is made of, designing it with security in mind, and managing it securely "
            "over its lifetime. For the community resilience community they are a practical "
            "reminder that digital resilience is now part of civil resilience.",
        ],
        "outcomes": (
            "The principles set out to give councils and their suppliers a common starting "
            "point for securing connected places, so that security is considered from the "
            "beginning rather than added at the end."
        ),
        "links": [("National Cyber Security Centre", "https://www.ncsc.gov.uk/")],
    },
    {
        "slug": "barnet-barnet-zero-challenge",
        "title": "Barnet Council: the BarNET ZERO Challenge",
        "organisation": "Barnet Council",
        "place": "Barnet, London",
        "place_type": "city",
        "components": ["energy-and-environment", "democratic-engagement"],
        "published_date": datetime.date(2024, 4, 30),
        "summary": (
            "The BarNET ZERO Challenge invites people in Barnet to take practical steps towards "
            "a lower-carbon way of life. Run through the council's Engage Barnet website, it "
            "links climate action with everyday digital engagement."
        ),
        "body": [
            "Councils cannot reach net zero on their own: most of a borough's emissions come "
            "from homes, travel and businesses. The BarNET ZERO Challenge is Barnet Council's "
            "way of asking residents to take part, encouraging them to adopt actions that "
            "shrink their carbon footprint and to say what they are doing.",
            "Hosting the challenge on Engage Barnet, the council's online engagement site, "
            "ties it to the democratic and community engagement component as well: residents "
            "are treated as partners in the borough's climate plans rather than as the "
            "audience for a campaign.",
        ],
        "outcomes": (
            "The challenge set out to raise awareness of practical ways to live more "
            "sustainably and to give residents a simple, visible way to commit to them, as part "
            "of the borough's wider net zero work."
        ),
        "links": [("Barnet Council", "https://www.barnet.gov.uk/")],
    },
    {
        "slug": "blackpool-silicon-sands",
        "title": "Blackpool: Silicon Sands at the Airport Enterprise Zone",
        "organisation": "Blackpool Council",
        "place": "Blackpool",
        "place_type": "town",
        "components": ["energy-and-environment", "economy-and-business"],
        "published_date": datetime.date(2024, 5, 21),
        "summary": (
            "Silicon Sands is Blackpool's plan to attract data centres and digital businesses "
            "to the Blackpool Airport Enterprise Zone, pairing international fibre connectivity "
            "with low-carbon energy. It aims to bring high-value digital investment and jobs to "
            "the town while keeping the carbon cost of computing down."
        ),
        "body": [
            "Data centres need fast connections, plenty of power and space. Blackpool's case is "
            "that the Airport Enterprise Zone can offer all three, with subsea internet "
            "connectivity reaching the Fylde coast and access to renewable energy from the "
            "region, including offshore wind.",
            "The project sits across two components. For energy and environmental "
            "sustainability, it is about making sure digital growth runs on clean power. For "
            "economy and business, it is an example of a place setting out to build an "
            "ecosystem of digital opportunity, and the jobs and skills that could come with "
            "it, in a coastal town looking for new kinds of work alongside its visitor economy.",
        ],
        "outcomes": (
            "Silicon Sands set out to establish Blackpool as a location for sustainable data "
            "centres and digital businesses, bringing investment to the enterprise zone and "
            "skilled jobs to the town."
        ),
        "links": [("Blackpool Airport Enterprise Zone", "https://www.blackpoolez.com/")],
    },
    {
        "slug": "derbyshire-air-quality-sensors",
        "title": "Derbyshire County Council: air-quality sensors",
        "organisation": "Derbyshire County Council",
        "place": "Derbyshire",
        "place_type": "county",
        "components": ["energy-and-environment", "health-and-wellbeing"],
        "published_date": datetime.date(2024, 6, 11),
        "summary": (
            "Derbyshire County Council has deployed sensors to measure air quality in "
            "communities across the county. Better local evidence helps the council and "
            "residents understand pollution where people live, and decide what to do about it."
        ),
        "body": [
            "Air pollution harms health, especially for children, older people and anyone with "
            "a heart or lung condition, yet official monitoring stations are few and far "
            "between, particularly outside the cities. Lower-cost connected sensors make it "
            "possible to measure air quality in many more places, such as near schools or "
            "busy roads.",
            "The project belongs to the energy and environmental sustainability component "
            "because it gives residents information they can act on and gives the council "
            "evidence for decisions about traffic and the environment. Its plain link to health "
            "makes it just as relevant to the health and wellbeing community.",
        ],
        "outcomes": (
            "The deployment set out to build a clearer picture of air quality across "
            "Derbyshire's communities and to use that evidence to inform local action."
        ),
        "links": [("Derbyshire County Council", "https://www.derbyshire.gov.uk/")],
    },
    {
        "slug": "nesta-rise-of-digital-democracy",
        "title": "Nesta: the rise of digital democracy",
        "organisation": "Nesta",
        "place": "International",
        "place_type": "international",
        "components": ["democratic-engagement"],
        "published_date": datetime.date(2024, 7, 2),
        "summary": (
            "Nesta, the UK's innovation agency for social good, has looked at how digital tools "
            "are changing the way people take part in politics and public decisions. Its work "
            "weighs what online participation can and cannot do, drawing on examples from "
            "around the world."
        ),
        "body": [
            "Online petitions, participatory budgeting platforms and tools that let people "
            "draft and vote on proposals have spread to parliaments, city halls and political "
            "parties. Nesta's research on digital democracy set out to understand which of "
            "these approaches genuinely give people more influence and which simply add "
            "another channel.",
            "For the democratic and community engagement community, evidence like this is a "
            "useful check on enthusiasm for new tools. It encourages public bodies to be clear "
            "about what they will do with residents' contributions, and to combine online "
            "participation with other ways of taking part.",
        ],
        "outcomes": (
            "The research set out to give public bodies an evidence-based view of digital "
            "democracy: where it has worked, the conditions it needs, and the pitfalls to "
            "avoid."
        ),
        "links": [("Nesta", "https://www.nesta.org.uk/")],
    },
    {
        "slug": "san-francisco-multilingual-election-tool",
        "title": "San Francisco: a multilingual election tool",
        "organisation": "City and County of San Francisco",
        "place": "San Francisco, United States",
        "place_type": "city",
        "components": ["democratic-engagement"],
        "published_date": datetime.date(2024, 7, 23),
        "summary": (
            "San Francisco has launched a digital tool that gives voters election information "
            "in several languages. It aims to make sure that people whose first language is "
            "not English can understand how, when and where to vote."
        ),
        "body": [
            "San Francisco is one of the most linguistically diverse cities in the United "
            "States, and many residents are more at ease reading in a language other than "
            "English. Clear information about registering, voting and what is on the ballot is "
            "a basic condition of taking part in an election.",
            "A multilingual election tool treats language as part of the democratic "
            "infrastructure rather than an afterthought. For public bodies in the UK, where "
            "many households speak another language at home, it raises practical questions "
            "about translation, plain language and whether AI can help produce trustworthy "
            "information quickly.",
        ],
        "outcomes": (
            "The tool set out to make accurate election information available in the "
            "languages residents use, so that more people can vote with confidence."
        ),
        "links": [("City and County of San Francisco", "https://sf.gov/")],
    },
    {
        "slug": "test-valley-community-driven-engagement",
        "title": "Test Valley Borough Council: engagement driven by communities",
        "organisation": "Test Valley Borough Council",
        "place": "Test Valley, Hampshire",
        "place_type": "rural",
        "components": ["democratic-engagement"],
        "published_date": datetime.date(2024, 8, 13),
        "summary": (
            "Test Valley Borough Council describes an approach in which its communities set "
            "the direction for what the council does. It sets out to involve residents and "
            "local groups in shaping services and priorities, rather than consulting them only "
            "when decisions are almost made."
        ),
        "body": [
            "Test Valley, in Hampshire, is a largely rural borough with two main towns, "
            "Andover and Romsey, and many villages. Engaging residents across an area like "
            "that means working through parish councils, community groups and local networks "
            "as well as online channels.",
            "The council's approach puts communities at the start of the process. For the "
            "democratic and community engagement component it is a reminder that digital "
            "engagement works best as part of a continuing relationship with residents, in "
            "which people can see how their views have shaped what happens next.",
        ],
        "outcomes": (
            "The approach set out to build engagement into the way the council plans and "
            "delivers its work, so that local priorities come from the communities they "
            "affect."
        ),
        "links": [("Test Valley Borough Council", "https://www.testvalley.gov.uk/")],
    },
    {
        "slug": "edinburgh-smart-city-programme",
        "title": "City of Edinburgh Council: the Smart City programme",
        "organisation": "City of Edinburgh Council",
        "place": "Edinburgh",
        "place_type": "city",
        "components": ["travel-and-mobility"],
        "published_date": datetime.date(2024, 8, 27),
        "summary": (
            "The City of Edinburgh Council's Smart City programme uses connected technology "
            "and data to improve how the city runs and how people move around it. It brings "
            "projects in areas such as transport and city operations under one approach."
        ),
        "body": [
            "Edinburgh is a compact capital that copes with large seasonal peaks of visitors "
            "on top of everyday commuting. Its Smart City programme sets out to use sensors, "
            "data platforms and digital services to understand demand and manage the city's "
            "infrastructure more responsively.",
            "For the travel and mobility community, the programme shows the value of treating "
            "transport data as part of a wider picture of the city. Information about traffic, "
            "events and public transport is more useful brought together with other "
            "operational data than kept separately by each service.",
        ],
        "outcomes": (
            "The programme set out to give the council better insight into how the city is "
            "used, to support more efficient services and smoother, more sustainable travel."
        ),
        "links": [("City of Edinburgh Council", "https://www.edinburgh.gov.uk/")],
    },
    {
        "slug": "dudley-ai-sensors-congestion-hotspot",
        "title": "Dudley Council: AI sensors at a congestion hotspot",
        "organisation": "Dudley Metropolitan Borough Council",
        "place": "Dudley",
        "place_type": "town",
        "components": ["travel-and-mobility"],
        "published_date": datetime.date(2024, 9, 10),
        "summary": (
            "Dudley Council installed sensors that use artificial intelligence to analyse "
            "traffic at a well-known congestion hotspot. The aim is to understand how different "
            "road users move through the area and use that evidence to ease delays."
        ),
        "body": [
            "A traditional traffic count gives a snapshot. Sensors with built-in AI can tell "
            "cars, buses, lorries, cyclists and pedestrians apart and record how they move over "
            "weeks and months, giving highway engineers a much fuller picture of when and why "
            "a junction jams.",
            "This is a practical example of the travel and mobility component: using data to "
            "plan changes around how people actually travel. It also shows AI put to work on a "
            "modest, well-defined problem, which is often where it proves its worth first.",
        ],
        "outcomes": (
            "The project set out to produce reliable evidence about traffic at the hotspot so "
            "that the council could design and test measures to reduce congestion."
        ),
        "links": [("Dudley Council", "https://www.dudley.gov.uk/")],
    },
    {
        "slug": "estonia-usa-cities-transforming-transportation",
        "title": "Estonia and the USA: cities transforming transportation",
        "organisation": "Cities in Estonia and the United States",
        "place": "Estonia and the United States",
        "place_type": "international",
        "components": ["travel-and-mobility"],
        "published_date": datetime.date(2024, 9, 24),
        "summary": (
            "Cities in Estonia and the United States offer contrasting examples of how digital "
            "services and data are reshaping urban transport. Comparing them helps UK places "
            "see which ideas might travel."
        ),
        "body": [
            "Estonia is known for building its public services on a shared digital foundation, "
            "and its cities have applied the same thinking to transport. Cities in the United "
            "States, meanwhile, have experimented with sensors, shared mobility and data-led "
            "planning at scale.",
            "Looking abroad is useful for the travel and mobility community precisely because "
            "the contexts differ. Some approaches depend on national digital identity or on "
            "very different funding and governance; others, such as open transport data or "
            "joined-up journey planning, could be adapted locally.",
        ],
        "outcomes": (
            "The examples show how cities in two very different settings are using technology "
            "to make transport more efficient and sustainable, and give a starting point for "
            "comparing approaches."
        ),
        "links": [],
    },
    {
        "slug": "network-rail-geofencing-trackside-safety",
        "title": "Network Rail: geofencing for trackside worker safety",
        "organisation": "Network Rail",
        "place": "Great Britain",
        "place_type": "national",
        "components": ["economy-and-business", "travel-and-mobility"],
        "published_date": datetime.date(2024, 10, 8),
        "summary": (
            "Network Rail has looked at geofencing, virtual boundaries drawn around real "
            "locations, to help keep people working on or near the track safe. It is an example "
            "of location technology developed for a demanding industrial setting."
        ),
        "body": [
            "Working on an operational railway is dangerous, and keeping staff out of the path "
            "of trains relies on careful planning and clear warnings. Geofencing uses location "
            "data from devices that workers carry to recognise when someone enters or leaves a "
            "defined area, so that alerts can be raised automatically.",
            "Socitm's connected places collection lists this example under economy and "
            "business: innovation in infrastructure can produce products and know-how that "
            "other sectors and places can use. Its obvious relevance to the railway also makes "
            "it of interest to the travel and mobility community.",
        ],
        "outcomes": (
            "The innovation set out to reduce the risks trackside workers face by giving them "
            "and their supervisors timely warnings based on where they are."
        ),
        "links": [("Network Rail", "https://www.networkrail.co.uk/")],
    },
    {
        "slug": "northern-ireland-smart-city-innovators",
        "title": "Northern Ireland: innovators enabling smart city development",
        "organisation": "Northern Ireland technology businesses",
        "place": "Northern Ireland",
        "place_type": "national",
        "components": ["economy-and-business"],
        "published_date": datetime.date(2024, 10, 22),
        "summary": (
            "Technology businesses in Northern Ireland have been developing products and "
            "services used in smart city projects around the world. Their growth shows how a "
            "regional innovation ecosystem can export expertise in connected places."
        ),
        "body": [
            "Northern Ireland has built a strong technology sector, with particular strengths "
            "in software, data and cyber security. A number of its businesses have turned that "
            "expertise to the needs of cities, supplying tools and services that help places "
            "manage their infrastructure and services.",
            "For the economy and business community, the lesson is about ecosystems: "
            "universities, public bodies and businesses that work together can turn local "
            "innovation into exports and skilled jobs. Councils can play their part as early "
            "customers and as places to test new ideas.",
        ],
        "outcomes": (
            "The example sets out how innovators in Northern Ireland are contributing to smart "
            "city development internationally, and what helps a local ecosystem of digital "
            "businesses to grow."
        ),
        "links": [],
    },
    {
        "slug": "civica-solace-council-time-and-skills",
        "title": "Civica and Solace: do councils have the time and skills to keep up with tech?",
        "organisation": "Civica and Solace",
        "place": "United Kingdom",
        "place_type": "national",
        "components": ["education-skills-and-jobs"],
        "published_date": datetime.date(2024, 11, 5),
        "summary": (
            "Civica, a supplier of public-sector software, and Solace, the network for "
            "public-sector leaders, have asked whether councils have the time and skills they "
            "need to keep pace with technological change. The work looks at capacity and "
            "capability in the local government workforce."
        ),
        "body": [
            "New technology arrives faster than most councils can absorb it. Staff need time "
            "to learn, managers need the confidence to lead change, and organisations need "
            "people who can judge what is worth adopting. When budgets are tight, those are "
            "often the first things to go.",
            "This work belongs in the education, skills and jobs community because the public "
            "sector's own workforce is part of the picture. It echoes a point made at the 2024 "
            "St George's House consultation: leaders need to give staff time away from their "
            "desks to learn, join networks and share what they know.",
        ],
        "outcomes": (
            "The work set out to understand the gaps in time and skills that hold councils "
            "back, and to prompt discussion about how leaders can build the capacity for "
            "change."
        ),
        "links": [
            ("Civica", "https://www.civica.com/"),
            ("Solace", "https://solace.org.uk/"),
        ],
    },
    {
        "slug": "microsoft-technology-for-frontline-workers",
        "title": "Microsoft: technology for frontline workers",
        "organisation": "Microsoft",
        "place": "International",
        "place_type": "international",
        "components": ["education-skills-and-jobs"],
        "published_date": datetime.date(2024, 11, 19),
        "summary": (
            "Microsoft has argued that technology can open up a better future for frontline "
            "workers, the people who deliver services in person rather than from a desk. The "
            "argument matters for public services, where much of the workforce is on the front "
            "line."
        ),
        "body": [
            "Frontline workers, such as carers, maintenance teams, nurses and customer service "
            "staff, have often been left out when new digital tools are introduced. They may "
            "not have a work device, and the systems they use are frequently designed for "
            "people in offices.",
            "For the education, skills and jobs community, the question is how to give "
            "frontline staff tools and training that fit their work, cut repetition and "
            "paperwork, and help them develop their careers, and how to introduce those tools "
            "with staff rather than imposing them.",
        ],
        "outcomes": (
            "The piece set out the case for investing in technology and skills for frontline "
            "workers, and the benefits that could follow for staff and the people they serve."
        ),
        "links": [("Microsoft", "https://www.microsoft.com/")],
    },
    {
        "slug": "sunderland-community-digital-health-hubs",
        "title": "Sunderland City Council: community digital health hubs",
        "organisation": "Sunderland City Council",
        "place": "Sunderland",
        "place_type": "city",
        "components": ["education-skills-and-jobs", "health-and-wellbeing"],
        "published_date": datetime.date(2024, 12, 3),
        "summary": (
            "Sunderland City Council and its partners have set up community digital health "
            "hubs: local places where residents can get help to use online health services. "
            "They link digital skills and inclusion with better access to care."
        ),
        "body": [
            "More and more of health care, from booking appointments to ordering prescriptions, "
            "is moving online. People who lack the confidence, skills, devices or data to "
            "follow it risk finding care harder to reach. Community digital health hubs, based "
            "in familiar local venues, offer help from trained staff and volunteers.",
            "Sunderland has made digital inclusion a central part of its smart city ambitions. "
            "This project sits across two communities: education, skills and jobs, because it "
            "builds residents' digital confidence, and health and wellbeing, because it helps "
            "people reach the care they need.",
        ],
        "outcomes": (
            "The hubs set out to help residents gain the skills and confidence to use digital "
            "health services, so that moving services online does not widen health "
            "inequalities."
        ),
        "links": [("Sunderland City Council", "https://www.sunderland.gov.uk/")],
    },
    {
        "slug": "barcelona-open-city-data",
        "title": "Barcelona: city data more accessible than ever",
        "organisation": "Barcelona City Council",
        "place": "Barcelona, Spain",
        "place_type": "city",
        "components": ["data"],
        "published_date": datetime.date(2024, 3, 5),
        "summary": (
            "Barcelona has worked to make the data the city holds easier for residents, "
            "businesses and researchers to find and use. Its open data service is one of the "
            "best-known examples of a city treating its data as a shared resource."
        ),
        "body": [
            "Barcelona has published city data openly for many years, on subjects such as "
            "population, transport, the environment and the council's own finances. Making it "
            "more accessible goes beyond publishing files: it means clearer presentation, "
            "tools for people who are not data specialists, and data in forms others can "
            "reuse.",
            "For the data community, Barcelona shows what open data can offer when it is "
            "treated as a public service in its own right: closer scrutiny of decisions, new "
            "services built by others, and a common evidence base for debate about the city's "
            "future.",
        ],
        "outcomes": (
            "The work set out to make Barcelona's data easier for anyone to find, understand "
            "and reuse, supporting transparency and better-informed decisions."
        ),
        "links": [("Barcelona City Council", "https://ajuntament.barcelona.cat/")],
    },
    {
        "slug": "barnsley-uprns-vulnerability-index",
        "title": "Barnsley Council: using UPRNs to build a vulnerability index",
        "organisation": "Barnsley Council",
        "place": "Barnsley",
        "place_type": "town",
        "components": ["data", "community-resilience"],
        "published_date": datetime.date(2024, 6, 25),
        "summary": (
            "Barnsley Council has used Unique Property Reference Numbers (UPRNs) to bring "
            "together information about households and build a vulnerability index. Linking "
            "records by property helps the council see where residents may need support and "
            "target help more fairly."
        ),
        "body": [
            "Every addressable location in Great Britain has a UPRN, an identifier that stays "
            "the same however the address is written. Councils hold many datasets that relate "
            "to properties, from council tax and benefits to housing and social care, but "
            "matching them on address text is slow and error-prone. Using the UPRN as a common "
            "key makes linking far more reliable.",
            "Combined carefully and with the right governance, linked data can point to "
            "households that may be struggling, so that support reaches them sooner. That "
            "makes this a strong example for the data community, and for community "
            "resilience, where knowing who is vulnerable matters most when an emergency "
            "strikes.",
        ],
        "outcomes": (
            "The project set out to create a vulnerability index that helps the council find "
            "and prioritise residents who may need support, using the UPRN to join its data "
            "reliably."
        ),
        "links": [("Barnsley Council", "https://www.barnsley.gov.uk/")],
    },
    {
        "slug": "leeds-loop-resource-data-collaboration",
        "title": "Leeds City Council: LOOP, a resource data collaboration",
        "organisation": "Leeds City Council",
        "place": "Leeds",
        "place_type": "city",
        "components": ["data", "energy-and-environment"],
        "published_date": datetime.date(2024, 10, 1),
        "summary": (
            "LOOP is a resource data collaboration led by Leeds City Council. It brings "
            "organisations together to share data about resources, with the aim of helping the "
            "city use them more efficiently and waste less."
        ),
        "body": [
            "Knowing what resources a city uses and what it throws away is the starting point "
            "for using them better, but that information is scattered across councils, "
            "businesses and other organisations and rarely shared. A data collaboration agrees "
            "ways to pool it, so that every partner can see the bigger picture.",
            "LOOP appears under the data component of Socitm's collection as an example of "
            "organisations sharing data for a common purpose. Its focus on resources also "
            "connects it to energy and environmental sustainability, where better evidence "
            "about consumption and waste supports practical action.",
        ],
        "outcomes": (
            "The collaboration set out to build a shared evidence base on resource use in "
            "Leeds, helping partners find ways to reduce waste and keep materials in use for "
            "longer."
        ),
        "links": [("Leeds City Council", "https://www.leeds.gov.uk/")],
    },
]

# The library's facts about each case study, by slug: the type of organisation, two to four
# themes (tags shared between case studies and with discussions relate them), and the
# challenge and lessons, in our own words from what the seed collection says about each.
# Nothing here claims results the collection does not report.
CASE_STUDY_DETAILS = {
    "leeds-iot-social-housing": {
        "organisation_type": "local-authority",
        "tags": ["sensors", "housing", "prevention"],
        "challenge": (
            "Cold, damp and mould in council homes harm tenants' health, and landlords often "
            "hear about them only once they are serious, because tenants may not report them "
            "or may not know they are there."
        ),
        "lessons": (
            "Sensors in people's homes raise questions of consent, privacy and trust before "
            "they raise technical ones. Agree with tenants what is measured, who sees it and "
            "what the council will do when a reading gives cause for concern."
        ),
    },
    "nhs-england-virtual-wards": {
        "organisation_type": "health-and-care",
        "tags": ["virtual wards", "remote monitoring", "social care"],
        "challenge": (
            "Hospital beds are under constant pressure, and many patients would recover as "
            "well or better at home if they could be monitored and treated safely there."
        ),
        "lessons": (
            "Care at home depends on things outside the hospital: connectivity, suitable "
            "housing, patients' and carers' confidence with the kit, and health and social "
            "care working as one. Plan for those alongside the clinical model."
        ),
    },
    "smart-christchurch": {
        "organisation_type": "local-authority",
        "tags": ["smart city", "resilience", "open data", "sensors"],
        "challenge": (
            "After the Canterbury earthquakes, Christchurch had to rebuild much of its centre "
            "while understanding and managing the risks a city faces in a changing environment."
        ),
        "lessons": (
            "Technology served the recovery best as a means of understanding risk and keeping "
            "residents informed, not as an end in itself. Rebuilding gave the city a chance to "
            "design data and sensors in from the start."
        ),
    },
    "lincolnshire-geospatial-emergency-planning": {
        "organisation_type": "partnership",
        "tags": ["emergency planning", "geospatial", "data sharing", "flooding"],
        "challenge": (
            "Responders across a large, mostly rural county with a long coastline and much "
            "low-lying land need to plan for emergencies together, from the same picture of "
            "where people, roads, infrastructure and hazards are."
        ),
        "lessons": (
            "A shared map is only as good as the agreements behind it. Settle data standards "
            "and sharing arrangements between partners before an incident, not during one."
        ),
    },
    "ncsc-connected-places-security-principles": {
        "organisation_type": "central-government",
        "tags": ["cyber security", "smart city", "procurement"],
        "challenge": (
            "Connected places rely on devices and networks spread across streets and "
            "buildings, often run by several organisations; each is a possible way in for an "
            "attacker, and councils have rarely treated them as infrastructure to protect."
        ),
        "lessons": (
            "Security costs least when it is part of the design and of what is asked of "
            "suppliers from the start. Know what your connected place is made of before "
            "deciding how to protect it."
        ),
    },
    "barnet-barnet-zero-challenge": {
        "organisation_type": "local-authority",
        "tags": ["net zero", "engagement", "behaviour change"],
        "challenge": (
            "Most of a borough's emissions come from homes, travel and businesses, so a "
            "council cannot reach net zero without residents taking part."
        ),
        "lessons": (
            "Residents respond to being treated as partners in the borough's plans rather "
            "than as the audience for a campaign. Putting climate action on the same site as "
            "other engagement made it part of an ongoing conversation."
        ),
    },
    "blackpool-silicon-sands": {
        "organisation_type": "local-authority",
        "tags": ["data centres", "net zero", "economic growth"],
        "challenge": (
            "A coastal town looking for new kinds of work alongside its visitor economy wants "
            "digital investment, while keeping the carbon cost of computing down."
        ),
        "lessons": (
            "A place's offer to digital businesses rests on several things at once: "
            "connectivity, power, space and skills. Clean energy can be part of the "
            "attraction, not only a constraint."
        ),
    },
    "derbyshire-air-quality-sensors": {
        "organisation_type": "local-authority",
        "tags": ["air quality", "sensors", "prevention"],
        "challenge": (
            "Official air-quality monitoring stations are few and far between outside the "
            "cities, so many communities have had little evidence about the air they breathe."
        ),
        "lessons": (
            "Lower-cost sensors widen coverage, but their readings need explaining to be "
            "useful to residents. Decide early how the evidence will feed decisions about "
            "traffic and the environment."
        ),
    },
    "nesta-rise-of-digital-democracy": {
        "organisation_type": "voluntary",
        "tags": ["digital democracy", "engagement", "consultation"],
        "challenge": (
            "Public bodies are adopting online petitions, participatory budgeting and other "
            "digital tools, without always knowing which give people more influence and which "
            "only add another channel."
        ),
        "lessons": (
            "Be clear with residents about what will happen to their contributions, and "
            "combine online participation with other ways of taking part."
        ),
    },
    "san-francisco-multilingual-election-tool": {
        "organisation_type": "local-authority",
        "tags": ["elections", "inclusion", "translation"],
        "challenge": (
            "In a city where many residents read more easily in a language other than "
            "English, voters need clear information about how, when and where to vote in the "
            "language they use."
        ),
        "lessons": (
            "Treat language as part of the democratic infrastructure. Translation, plain "
            "language and checks on accuracy all need planning, especially if AI helps to "
            "produce the text."
        ),
    },
    "test-valley-community-driven-engagement": {
        "organisation_type": "local-authority",
        "tags": ["engagement", "rural", "consultation"],
        "challenge": (
            "A largely rural borough of two towns and many villages needs to involve "
            "residents in shaping its priorities, not only consult them once decisions are "
            "almost made."
        ),
        "lessons": (
            "In a rural area, parish councils, community groups and local networks matter as "
            "much as online channels. People stay involved when they can see how their views "
            "changed what happened next."
        ),
    },
    "edinburgh-smart-city-programme": {
        "organisation_type": "local-authority",
        "tags": ["smart city", "transport", "sensors"],
        "challenge": (
            "A compact capital copes with everyday commuting and large seasonal peaks of "
            "visitors, and needs to understand demand to run its infrastructure responsively."
        ),
        "lessons": (
            "Transport data is more useful brought together with other operational data, "
            "such as events and city services, than kept separately by each service."
        ),
    },
    "dudley-ai-sensors-congestion-hotspot": {
        "organisation_type": "local-authority",
        "tags": ["ai", "sensors", "transport"],
        "challenge": (
            "A well-known congestion hotspot needed a fuller picture of how different road "
            "users move through it than a traditional traffic count can give."
        ),
        "lessons": (
            "AI often proves its worth first on a modest, well-defined problem. Evidence "
            "gathered over weeks and months lets engineers test changes before committing."
        ),
    },
    "estonia-usa-cities-transforming-transportation": {
        "organisation_type": "local-authority",
        "tags": ["transport", "open data", "smart city"],
        "challenge": (
            "UK places want to learn from cities abroad that are reshaping transport with "
            "digital services and data, in settings very different from their own."
        ),
        "lessons": (
            "Some ideas depend on national digital identity or on very different funding and "
            "governance; others, such as open transport data and joined-up journey planning, "
            "can be adapted locally."
        ),
    },
    "network-rail-geofencing-trackside-safety": {
        "organisation_type": "central-government",
        "tags": ["location data", "workforce safety", "transport"],
        "challenge": (
            "Working on an operational railway is dangerous, and keeping staff out of the "
            "path of trains relies on careful planning and timely warnings."
        ),
        "lessons": (
            "Location technology built for a demanding industrial setting can produce "
            "products and know-how that other sectors and places can use."
        ),
    },
    "northern-ireland-smart-city-innovators": {
        "organisation_type": "supplier",
        "tags": ["economic growth", "smart city", "cyber security"],
        "challenge": (
            "A regional technology sector wanted to turn its strengths in software, data and "
            "cyber security into products that cities elsewhere would buy."
        ),
        "lessons": (
            "Ecosystems grow when universities, public bodies and businesses work together. "
            "Councils can help as early customers and as places to test new ideas."
        ),
    },
    "civica-solace-council-time-and-skills": {
        "organisation_type": "partnership",
        "tags": ["skills", "workforce", "leadership"],
        "challenge": (
            "New technology arrives faster than most councils can absorb it, and the time, "
            "confidence and skills to adopt it are often the first things to go when budgets "
            "are tight."
        ),
        "lessons": (
            "Capacity for change is built by leaders giving staff time away from their desks "
            "to learn, join networks and share what they know."
        ),
    },
    "microsoft-technology-for-frontline-workers": {
        "organisation_type": "supplier",
        "tags": ["workforce", "skills", "frontline services"],
        "challenge": (
            "Frontline workers, such as carers, maintenance teams and customer service staff, "
            "are often left out when digital tools are introduced: many have no work device, "
            "and systems are designed for people at desks."
        ),
        "lessons": (
            "Tools for frontline staff should fit their work and cut repetition, and be "
            "introduced with staff rather than imposed on them, with training that helps them "
            "develop their careers."
        ),
    },
    "sunderland-community-digital-health-hubs": {
        "organisation_type": "local-authority",
        "tags": ["digital inclusion", "health", "skills"],
        "challenge": (
            "As health care moves online, residents who lack the confidence, skills, devices "
            "or data to follow it risk finding care harder to reach."
        ),
        "lessons": (
            "Help works best in familiar local venues, from trained staff and volunteers. "
            "Make digital inclusion part of the wider smart city plan rather than an "
            "afterthought."
        ),
    },
    "barcelona-open-city-data": {
        "organisation_type": "local-authority",
        "tags": ["open data", "transparency", "data standards"],
        "challenge": (
            "Publishing data files is not the same as making data useful: residents, "
            "businesses and researchers need to be able to find, understand and reuse it."
        ),
        "lessons": (
            "Treat open data as a public service in its own right, with clear presentation "
            "and tools for people who are not data specialists."
        ),
    },
    "barnsley-uprns-vulnerability-index": {
        "organisation_type": "local-authority",
        "tags": ["uprn", "data sharing", "vulnerability", "data standards"],
        "challenge": (
            "Council records about the same households sit in many systems, and matching them "
            "on address text is slow and error-prone, so residents who need support can be "
            "missed."
        ),
        "lessons": (
            "A common identifier such as the UPRN makes linking far more reliable, but linked "
            "data about vulnerable people needs the right governance before it is used."
        ),
    },
    "leeds-loop-resource-data-collaboration": {
        "organisation_type": "local-authority",
        "tags": ["data sharing", "waste", "net zero"],
        "challenge": (
            "Information about what resources a city uses and throws away is scattered across "
            "councils, businesses and other organisations, and rarely shared."
        ),
        "lessons": (
            "A data collaboration needs agreed ways of pooling information so that every "
            "partner can see the bigger picture and act on it."
        ),
    },
}

# The March 2024 consultation, seeded as a past event with its published outputs.
CONSULTATION = {
    "slug": "towards-connected-places-2024",
    "title": "Towards Connected Places: insights into actions",
    "kind": "consultation",
    "community": None,
    "starts": (2024, 3, 18, 9, 30),
    "ends": (2024, 3, 19, 16, 0),
    "time_zone": "Europe/London",
    "attendance_mode": "in_person",
    "venue_name": "St George's House",
    "venue_address": "Windsor Castle\nWindsor\nSL4 1NJ",
    "summary": (
        "A two-day consultation at St George's House, Windsor Castle, where around forty "
        "policy influencers from the public, private, third and academic sectors explored "
        "place-based leadership, connected places and the impact of AI, and set out five "
        "calls to action."
    ),
    "body": [
        "In March 2024 Socitm and St George's House brought together around forty policy "
        "influencers from the public, private, third and academic sectors. Over two days they "
        "discussed how to enable place-based leadership and transformation at a time of "
        "growing devolution and fast-spreading use of artificial intelligence.",
        "It was the second consultation the two organisations had held together, following "
        "one on resilient people, communities and places in November 2021. It also marked the "
        "formal establishment of the Socitm Institute and Socitm's move to become a charity "
        "supporting place-based innovation, technology and modernisation.",
        "## How the two days worked",
        "Each part combined keynote briefings to set the scene, working groups that examined "
        "challenges, opportunities and what needs to change, and a plenary to draw the threads "
        "together. The first day concentrated on devolution, digital, data and sustainability. "
        "The second, introduced by an evening briefing on an earlier St George's House "
        "consultation about the threats and opportunities of AI, turned to AI and emerging "
        "technologies.",
    ],
    "report": [
        "### Part I: devolution, digital, data and sustainability",
        "The first day looked at leading places through turbulent times, shaped by "
        "devolution, climate change and fast-moving technology. The plenary drew out six "
        "insights.",
        [
            "<b>Digital is not always the right channel.</b> Some people need or prefer to "
            "talk to someone in person, and digital channels are more exposed to fraud. A "
            "blended model, in which data and digital improve human contact rather than "
            "replace it, is more likely to serve everyone.",
            "<b>The promised capacity has not arrived.</b> Two decades of technology-led "
            "reform have not freed up the time they were meant to. Participants asked who has "
            "really benefited, and who has not.",
            "<b>Our language can push people away.</b> Citizens, customers or residents? "
            "Does the word 'digital' get in the way, and how do 'smart cities' sound to people "
            "who do not live in one? The words need to work for many different audiences.",
            "<b>Places differ.</b> What suits a city may not suit a rural area, and a "
            "one-size approach to place risks losing what makes each one local.",
            "<b>Devolution is a reason to work together.</b> Councils can use it to build "
            "shared digital capability, and data sharing could underpin area-wide information "
            "and financial systems ready for AI and emerging technology.",
            "<b>Leaders and suppliers need to come along.</b> Devolution and technology are "
            "redrawing the boundaries between local government and industry, creating new "
            "ways for suppliers to help build services that support local growth and "
            "sustainability.",
        ],
        "### Part II: the impact of AI and emerging technologies",
        "The second day asked how AI can help places and communities thrive while guarding "
        "against its risks. Six themes emerged.",
        [
            "<b>People come first.</b> Connected, resilient and sustainable places are about "
            "the people who live and work in them; technology is there to serve them. In short, "
            "people make places.",
            "<b>The challenges are not new.</b> Every wave of technology has tested local "
            "government, and the best answer has always been to share experience and "
            "expertise.",
            "<b>We need common, inclusive language.</b> Framing change as 'digital' can make "
            "it sound like fixing the IT. AI and what it makes possible should be explained "
            "simply and plainly.",
            "<b>Collaborate and learn.</b> Good examples, and lessons from things that went "
            "wrong, are not being shared, so the sector keeps reinventing the wheel. Leaders "
            "should give staff time to join networks and build skills together.",
            "<b>Procurement must modernise.</b> AI is changing fast what public bodies buy and "
            "how, and the sector needs flexible, agile ways to respond.",
            "<b>Central government stewardship is welcome.</b> The then Department for "
            "Levelling Up, Housing and Communities taking on a stewardship role, and the "
            "planned revision of the Local Digital Declaration, were seen as a chance to "
            "strengthen collaboration between central and local government.",
        ],
        "## Conclusion",
        "Participants saw wide scope for collaboration around connected, resilient and "
        "sustainable places, drawing on research programmes and partners across the sector, "
        "and set out five calls to action, listed below. Common threads ran through the "
        "discussion: connectivity, the place-based use of AI, decisions informed by data, "
        "quality of life in communities, and sustainability and resilience.",
        "Socitm said it would feed the findings into its international work with Major "
        "Cities of Europe and LOLA, and use them to build a platform where place-based "
        "leaders, policy makers and practitioners can share knowledge.",
    ],
    "calls_to_action": [
        "Establish common data standards across the public sector, supporting the standards "
        "work led by iNetwork and iStand UK.",
        "Agree common AI terminology and guidance, and encourage its wider adoption through "
        "the AI@Socitm platform.",
        "Share good practice and what works, so that nobody across the sector has to "
        "reinvent the wheel.",
        "Enable closer place-based collaboration between the public, private, academic, "
        "research and third sectors.",
        "Support communities of interest and practice around connected, resilient and "
        "sustainable places in the era of AI.",
    ],
}

# Fictional events dated relative to the moment the seed runs. "weeks_ahead" (or
# "weeks_ago") picks a week; "weekday" (0 = Monday) and "start" (local time) pick the slot.
RELATIVE_EVENTS = [
    {
        "slug": "keeping-tenants-well-sensors-damp-and-mould",
        "title": "Keeping tenants well: sensors, damp and mould",
        "kind": "webinar",
        "community": "health-and-wellbeing",
        "weeks_ahead": 2,
        "weekday": 3,
        "start": (12, 30),
        "duration_minutes": 60,
        "attendance_mode": "online",
        "venue_name": "",
        "venue_address": "",
        "summary": (
            "A lunchtime webinar for housing, health and IT teams on using sensors to find "
            "homes at risk of damp and mould, and on what to do with the readings."
        ),
        "body": [
            "Sensors in homes can warn a landlord about cold, damp and poor ventilation long "
            "before a tenant complains, but only if someone acts on the data. This webinar "
            "looks at the whole chain: choosing and installing devices, talking to tenants "
            "about consent, and building the alerts into repair and support work.",
            "There will be time for questions. The session is online; joining details are sent "
            "to registered members the day before.",
        ],
    },
    {
        "slug": "sharing-vulnerability-indices-data-workshop",
        "title": "Sharing vulnerability indices across councils: a data workshop",
        "kind": "workshop",
        "community": "data",
        "weeks_ahead": 3,
        "weekday": 1,
        "start": (10, 0),
        "duration_minutes": 330,
        "attendance_mode": "in_person",
        "venue_name": "Riverside Conference Centre",
        "venue_address": "1 Riverside Way\nLeeds",
        "summary": (
            "A hands-on day for data teams building household vulnerability indices: which "
            "datasets to link, how UPRNs help, and how to share methods between councils "
            "without sharing personal data."
        ),
        "body": [
            "Several councils have built indices that combine their own data to find "
            "households who may need help. Most started from scratch. This workshop is a "
            "chance to compare approaches and agree what could be shared: data models, code, "
            "governance templates and lessons learned.",
            "## What to bring",
            "A description of your own index or plans, if you have them. Please do not bring "
            "any personal data. Lunch is provided; tell us about dietary or access needs when "
            "you register.",
        ],
    },
    {
        "slug": "greener-digital-infrastructure-webinar",
        "title": "Greener digital infrastructure: what councils can ask of suppliers",
        "kind": "webinar",
        "community": "energy-and-environment",
        "weeks_ahead": 4,
        "weekday": 2,
        "start": (14, 0),
        "duration_minutes": 75,
        "attendance_mode": "online",
        "venue_name": "",
        "venue_address": "",
        "summary": (
            "How to account for the energy and carbon cost of the technology you buy, and what "
            "to put in specifications and contracts to reduce it."
        ),
        "body": [
            "Data centres, devices and cloud services all have an environmental cost, and it "
            "rarely appears in a business case. This webinar looks at practical questions a "
            "public body can ask suppliers, the evidence to request, and how to weigh it "
            "against cost and quality.",
        ],
    },
    {
        "slug": "resilience-meetup-planning-with-shared-maps",
        "title": "Community resilience meetup: planning with shared maps",
        "kind": "meetup",
        "community": "community-resilience",
        "weeks_ahead": 5,
        "weekday": 2,
        "start": (17, 30),
        "duration_minutes": 120,
        "attendance_mode": "in_person",
        "venue_name": "Waterside Meeting Rooms",
        "venue_address": "Waterside\nLincoln",
        "summary": (
            "An informal evening for emergency planners, GIS specialists and council officers "
            "to swap notes on shared mapping for incidents and recovery."
        ),
        "body": [
            "Short talks from members, followed by open conversation. Come with a map that "
            "helped, or one that did not, and the story behind it. Refreshments provided.",
        ],
    },
    {
        "slug": "travel-data-meetup-ai-traffic-sensors",
        "title": "Travel data meetup: what AI traffic sensors can and cannot tell you",
        "kind": "meetup",
        "community": "travel-and-mobility",
        "weeks_ahead": 6,
        "weekday": 3,
        "start": (18, 0),
        "duration_minutes": 120,
        "attendance_mode": "hybrid",
        "venue_name": "Innovation Hub",
        "venue_address": "Station Road\nBirmingham",
        "summary": (
            "Transport planners and data analysts compare notes on AI-enabled traffic sensors: "
            "accuracy, privacy, procurement, and turning counts into decisions."
        ),
        "body": [
            "Sensors that classify road users are now affordable enough for many highway "
            "authorities. This meetup is for people who have deployed them, or are about to, "
            "to share what the data has and has not helped with. Join in person or online.",
        ],
    },
    {
        "slug": "consultation-digital-engagement-principles",
        "title": "Consultation: principles for digital engagement in local democracy",
        "kind": "consultation",
        "community": "democratic-engagement",
        "weeks_ahead": 8,
        "weekday": 1,
        "start": (10, 0),
        "duration_minutes": 300,
        "attendance_mode": "hybrid",
        "venue_name": "Market Square Rooms",
        "venue_address": "Market Square\nWinchester",
        "summary": (
            "A half-day consultation to draft shared principles for how public bodies use "
            "digital tools to engage residents: openness, accountability and saying what "
            "happened next."
        ),
        "body": [
            "Engagement teams, democratic services officers, researchers and civil society "
            "groups are invited to help draft a short set of principles for digital "
            "engagement. Places are limited, so registrations are approved by the organisers "
            "to make sure a range of voices is in the room.",
            "A draft will be shared with participants beforehand, and the outputs published "
            "here afterwards.",
        ],
    },
    {
        "slug": "connected-places-in-practice-webinar",
        "title": "Connected places in practice: an introduction to the eight components",
        "kind": "webinar",
        "community": None,
        "weeks_ago": 6,
        "weekday": 2,
        "start": (12, 30),
        "duration_minutes": 60,
        "attendance_mode": "online",
        "venue_name": "",
        "venue_address": "",
        "summary": (
            "A short introduction to the eight components of a connected place, the "
            "communities on this site, and how to share your own case study."
        ),
        "body": [
            "A tour of the site for new members: what each community covers, how the case "
            "study library works, and how to submit your own work for others to learn from.",
        ],
    },
]

# Fictional people. None of them is, or is named after, anyone in the seed documents.
DEMO_MEMBERS = [
    {
        "email": "priya.shah@example.org",
        "first_name": "Priya",
        "last_name": "Shah",
        "handle": "priya-shah",
        "organisation": "Northvale Borough Council",
        "job_title": "Head of digital services",
        "sector": "local-government",
        "place": "Northvale",
        "bio": "Leads a small digital team joining up adult social care and housing data.",
        "interests": ["health-and-wellbeing", "data"],
    },
    {
        "email": "tom.okafor@example.org",
        "first_name": "Tom",
        "last_name": "Okafor",
        "handle": "tom-okafor",
        "organisation": "Riverside Integrated Care Board",
        "job_title": "Digital transformation manager",
        "sector": "health",
        "place": "Riverside",
        "bio": "Works on remote monitoring and digital inclusion for older residents.",
        "interests": ["health-and-wellbeing", "community-resilience"],
    },
    {
        "email": "aileen.macleod@example.org",
        "first_name": "Aileen",
        "last_name": "MacLeod",
        "handle": "aileen-macleod",
        "organisation": "Glenmorven Council",
        "job_title": "Climate programme lead",
        "sector": "local-government",
        "place": "Highlands and Islands",
        "bio": "Rural energy, flood resilience and sensors that survive the weather.",
        "interests": ["energy-and-environment", "community-resilience"],
    },
    {
        "email": "gareth.pritchard@example.org",
        "first_name": "Gareth",
        "last_name": "Pritchard",
        "display_name": "Gareth P",
        "handle": "gareth-p",
        "organisation": "Cwm Valley Transport Partnership",
        "job_title": "Data analyst",
        "sector": "local-government",
        "place": "South Wales",
        "bio": "Bus data, demand-responsive transport and open timetables.",
        "interests": ["travel-and-mobility", "data"],
    },
    {
        "email": "sofia.marin@example.org",
        "first_name": "Sofia",
        "last_name": "Marín",
        "handle": "sofia-marin",
        "organisation": "University of Eastbridge",
        "job_title": "Research fellow, civic technology",
        "sector": "academic",
        "place": "East of England",
        "bio": "Researches participatory budgeting and online consultation tools.",
        "interests": ["democratic-engagement"],
    },
    {
        "email": "daniel.brennan@example.org",
        "first_name": "Daniel",
        "last_name": "Brennan",
        "handle": "daniel-brennan",
        "organisation": "Brennan Civic Software Ltd",
        "job_title": "Founder",
        "sector": "private",
        "place": "Manchester",
        "bio": "Builds case-management tools for councils and housing associations.",
        "interests": ["economy-and-business", "data"],
    },
    {
        "email": "hannah.oduya@example.org",
        "first_name": "Hannah",
        "last_name": "Oduya",
        "handle": "hannah-oduya",
        "organisation": "Skills Forward Trust",
        "job_title": "Digital skills coordinator",
        "sector": "third-sector",
        "place": "West Midlands",
        "bio": "Runs digital skills programmes with libraries and further education colleges.",
        "interests": ["education-skills-and-jobs"],
    },
    {
        "email": "ravi.chowdhury@example.org",
        "first_name": "Ravi",
        "last_name": "Chowdhury",
        "handle": "ravi-chowdhury",
        "organisation": "Department for Place Data",
        "job_title": "Senior data architect",
        "sector": "central-government",
        "place": "London",
        "bio": "Common data standards and shared vocabularies for local services.",
        "interests": ["data", "economy-and-business"],
    },
]

DEMO_EDITOR = {
    "email": "editor@example.org",
    "first_name": "Elin",
    "last_name": "Morgan",
    "display_name": "Elin Morgan (editor)",
    "handle": "elin-morgan",
    "organisation": "Connected Places",
    "job_title": "Community editor",
    "sector": "third-sector",
    "place": "United Kingdom",
}

EDITORS_GROUP = "Editors"
SITE_NAME = "Connected Places"

# Registration for the seeded events: applied when the seed creates an event (an editor's
# settings on an existing event are kept). Organisers are demo members; links are fictional.
EVENT_REGISTRATION = {
    "towards-connected-places-2024": {
        "registration_mode": "invitation",
        "capacity": 40,
        "ask_dietary_needs": True,
        "working_groups": [
            "Devolution, digital, data and sustainability",
            "AI and emerging technologies",
        ],
    },
    "keeping-tenants-well-sensors-damp-and-mould": {
        "capacity": 100,
        "organiser": "tom.okafor@example.org",
        "joining_link": "https://meet.example.org/connected-places/keeping-tenants-well",
    },
    "sharing-vulnerability-indices-data-workshop": {
        "capacity": 30,
        "ask_dietary_needs": True,
        "organiser": "priya.shah@example.org",
        "questions": [
            {
                "label": "Which datasets does your index combine, or will it?",
                "kind": "long_text",
                "required": False,
            }
        ],
    },
    "greener-digital-infrastructure-webinar": {
        "capacity": None,
        "joining_link": "https://meet.example.org/connected-places/greener-infrastructure",
    },
    "resilience-meetup-planning-with-shared-maps": {
        "capacity": 4,
        "ask_dietary_needs": True,
        "organiser": "aileen.macleod@example.org",
    },
    "travel-data-meetup-ai-traffic-sensors": {
        "capacity": 40,
        "organiser": "gareth.pritchard@example.org",
        "joining_link": "https://meet.example.org/connected-places/travel-data-meetup",
    },
    "consultation-digital-engagement-principles": {
        "registration_mode": "approval",
        "capacity": 25,
        "ask_dietary_needs": True,
        "organiser": "sofia.marin@example.org",
        "joining_link": "https://meet.example.org/connected-places/engagement-principles",
        "working_groups": ["Openness and accountability", "Closing the loop with residents"],
        "questions": [
            {
                "label": "What is your role in engagement work?",
                "kind": "short_text",
                "required": True,
            }
        ],
    },
    "connected-places-in-practice-webinar": {"capacity": None},
}

# Where each of the 2024 consultation's calls to action leads (same order as its
# "calls_to_action"): a community, or the case-study library, by slug; and what the link says.
CONSULTATION_CALL_LINKS = [
    ("data", "Talk about data standards in the Data community"),
    ("data", "Talk about AI terminology in the Data community"),
    ("case-studies", "Browse what works in the case-study library"),
    ("communities", "Find a community to work with"),
    ("communities", "Join a community of practice"),
]
# Case studies that the consultation's outputs point to.
CONSULTATION_CASE_STUDIES = [
    "barnsley-uprns-vulnerability-index",
    "barcelona-open-city-data",
    "civica-solace-council-time-and-skills",
]

# A few demo registrations, added when missing: (event slug, member email, state, answers).
DEMO_REGISTRATIONS = [
    ("resilience-meetup-planning-with-shared-maps", "tom.okafor@example.org", "confirmed", {}),
    (
        "resilience-meetup-planning-with-shared-maps",
        "priya.shah@example.org",
        "confirmed",
        {"dietary_needs": "Vegetarian"},
    ),
    ("resilience-meetup-planning-with-shared-maps", "hannah.oduya@example.org", "confirmed", {}),
    ("resilience-meetup-planning-with-shared-maps", "ravi.chowdhury@example.org", "confirmed", {}),
    ("resilience-meetup-planning-with-shared-maps", "daniel.brennan@example.org", "waitlisted", {}),
    (
        "sharing-vulnerability-indices-data-workshop",
        "ravi.chowdhury@example.org",
        "confirmed",
        {"accessibility_needs": "Step-free access, please", "dietary_needs": "No pork"},
    ),
    (
        "sharing-vulnerability-indices-data-workshop",
        "gareth.pritchard@example.org",
        "confirmed",
        {},
    ),
    (
        "consultation-digital-engagement-principles",
        "hannah.oduya@example.org",
        "pending",
        {"comments": "I run resident panels in the West Midlands."},
    ),
    ("consultation-digital-engagement-principles", "daniel.brennan@example.org", "pending", {}),
    ("keeping-tenants-well-sensors-damp-and-mould", "priya.shah@example.org", "confirmed", {}),
    ("connected-places-in-practice-webinar", "priya.shah@example.org", "attended", {}),
    ("connected-places-in-practice-webinar", "tom.okafor@example.org", "attended", {}),
]

# -- communities: who is in each, who facilitates, and a few discussions --------------------------
# Fictional people talking about the kind of work the seeds describe. Times are relative to
# when the seed runs: `days_ago` for a thread, `hours_later` for each reply after it.

DEMO_COMMUNITY_MEMBERS = {
    "health-and-wellbeing": {
        "facilitators": ["priya.shah@example.org"],
        "members": ["tom.okafor@example.org", "hannah.oduya@example.org"],
    },
    "community-resilience": {
        "facilitators": ["aileen.macleod@example.org"],
        "members": ["tom.okafor@example.org", "ravi.chowdhury@example.org"],
    },
    "energy-and-environment": {
        "facilitators": ["aileen.macleod@example.org"],
        "members": ["daniel.brennan@example.org", "priya.shah@example.org"],
    },
    "democratic-engagement": {
        "facilitators": ["sofia.marin@example.org"],
        "members": ["hannah.oduya@example.org"],
    },
    "travel-and-mobility": {
        "facilitators": ["gareth.pritchard@example.org"],
        "members": ["ravi.chowdhury@example.org"],
    },
    "economy-and-business": {
        "facilitators": ["daniel.brennan@example.org"],
        "members": ["ravi.chowdhury@example.org"],
    },
    "education-skills-and-jobs": {
        "facilitators": ["hannah.oduya@example.org"],
        "members": ["tom.okafor@example.org"],
    },
    "data": {
        "facilitators": ["ravi.chowdhury@example.org"],
        "members": [
            "priya.shah@example.org",
            "gareth.pritchard@example.org",
            "daniel.brennan@example.org",
        ],
        # Asked to join; waiting for a facilitator.
        "requests": [
            (
                "hannah.oduya@example.org",
                "I coordinate digital skills programmes and want to learn how councils share "
                "data with libraries and colleges.",
            )
        ],
    },
}

DEMO_DISCUSSIONS = [
    {
        "community": "data",
        "title": "How this community works",
        "author": "ravi.chowdhury@example.org",
        "days_ago": 40,
        "pinned": True,
        "tags": ["welcome"],
        "body": (
            "Welcome. This is a place to share what worked (and what did not) when joining up "
            "data between services.\n\n"
            "* Start a discussion with a question or a short write-up.\n"
            "* Link to the case study or standard you are talking about.\n"
            "* Mention someone with @ and their handle if you would like their view.\n\n"
            "Please keep personal data out of your posts. If something looks wrong, use "
            "**Report** under the post and a facilitator will look at it."
        ),
        "replies": [],
    },
    {
        "community": "data",
        "title": "Which UPRN matching approach has worked for you?",
        "author": "ravi.chowdhury@example.org",
        "days_ago": 9,
        "tags": ["uprn", "data standards"],
        "body": (
            "We are helping two councils match social care and housing records to property "
            "references (UPRNs). Address strings are messy: flats, care homes, new builds.\n\n"
            "What matching approach gave you the best results, and how did you check it?"
        ),
        "replies": [
            {
                "author": "priya.shah@example.org",
                "hours_later": 5,
                "body": (
                    "We matched in three passes: exact match on the cleaned address, then "
                    "postcode plus building number, then a manual queue. The manual queue was "
                    "about 6% of records, mostly flats.\n\n"
                    "The thing that helped most was agreeing one **address cleaning** routine "
                    "with the housing team, so both sides cleaned the same way."
                ),
            },
            {
                "author": "gareth.pritchard@example.org",
                "hours_later": 20,
                "reply_to": 2,
                "body": (
                    "Same experience with bus stop addresses. Did you keep the manual matches "
                    "somewhere others could reuse? We ended up doing the same flats twice."
                ),
            },
            {
                "author": "priya.shah@example.org",
                "hours_later": 26,
                "reply_to": 3,
                "body": (
                    "Yes: we keep a small lookup table of confirmed matches with the date and "
                    "who checked it. @ravi-chowdhury, would a shared format for those tables be "
                    "worth writing down?"
                ),
            },
            {
                "author": "daniel.brennan@example.org",
                "hours_later": 40,
                "body": (
                    "From the supplier side: please ask for the match confidence to be kept in "
                    "the record. It makes later checks far cheaper."
                ),
            },
        ],
        "answer": 2,
    },
    {
        "community": "health-and-wellbeing",
        "title": "Virtual wards: what did you measure in the first six months?",
        "author": "tom.okafor@example.org",
        "days_ago": 6,
        "tags": ["virtual wards", "evaluation"],
        "body": (
            "We are six months into a virtual ward for frailty. The board wants outcomes, but "
            "most of what we can count so far is activity.\n\n"
            "What did you measure early on that turned out to be useful?"
        ),
        "replies": [
            {
                "author": "priya.shah@example.org",
                "hours_later": 3,
                "body": (
                    "@tom-okafor we found readmissions within 30 days and the number of "
                    "patients who needed a carer visit the same week were the two that moved "
                    "the conversation. Patient-reported confidence was the third."
                ),
            },
            {
                "author": "hannah.oduya@example.org",
                "hours_later": 30,
                "body": (
                    "Worth counting how many patients needed help with the kit itself. Our "
                    "library digital champions ended up supporting a few families."
                ),
            },
            {
                "author": "tom.okafor@example.org",
                "hours_later": 34,
                "body": (
                    "Thank you both. For anyone finding this later, the national picture is "
                    "in the [NHS England virtual wards](/case-studies/nhs-england-virtual-wards/) "
                    "case study."
                ),
            },
        ],
    },
    {
        "community": "energy-and-environment",
        "title": "Keeping sensors alive through a Highland winter",
        "author": "aileen.macleod@example.org",
        "days_ago": 12,
        "tags": ["sensors", "maintenance"],
        "body": (
            "Our river-level and air-quality sensors lose about a fifth of their readings "
            "between December and February: batteries, condensation and one curious sheep.\n\n"
            "What housing and power set-ups have survived a winter for you?"
        ),
        "replies": [
            {
                "author": "daniel.brennan@example.org",
                "hours_later": 8,
                "body": (
                    "Lithium primary cells rather than rechargeables, and a vent plug in every "
                    "enclosure. Cold kills rechargeables long before the cell is empty."
                ),
            },
        ],
    },
    {
        "community": "community-resilience",
        "title": "Flood warning messages people actually act on",
        "author": "aileen.macleod@example.org",
        "days_ago": 3,
        "tags": ["flooding", "communications"],
        "body": (
            "After last winter's floods we asked residents which messages made them move "
            "their car or sandbag the door. Short, local and with a time came top.\n\n"
            "Has anyone tested wording with residents before an event rather than after?"
        ),
        "replies": [
            {
                "author": "tom.okafor@example.org",
                "hours_later": 12,
                "body": (
                    "Our resilience forum ran a tabletop exercise with care home managers. "
                    "They asked for the *street name* in the first line, every time."
                ),
            },
        ],
    },
    {
        "community": "travel-and-mobility",
        "title": "Publishing bus timetables as open data",
        "author": "gareth.pritchard@example.org",
        "days_ago": 15,
        "tags": ["open data", "buses"],
        "body": (
            "We publish our demand-responsive and fixed-route timetables in GTFS now. The hard "
            "part was not the format but keeping it current when operators change a route.\n\n"
            "How do you keep published timetables in step with changes?"
        ),
        "replies": [
            {
                "author": "ravi.chowdhury@example.org",
                "hours_later": 30,
                "body": (
                    "A named owner per operator and a monthly check against the live data "
                    "worked better for us than any automation we tried."
                ),
            },
        ],
    },
    {
        "community": "democratic-engagement",
        "title": "Online consultations: reaching people who never reply",
        "author": "sofia.marin@example.org",
        "days_ago": 8,
        "tags": ["consultation", "inclusion"],
        "body": (
            "Response rates to our online consultations are fine on paper, but the same "
            "people answer every time.\n\n"
            "What has widened who takes part, beyond paper copies in the library?"
        ),
        "replies": [
            {
                "author": "hannah.oduya@example.org",
                "hours_later": 20,
                "body": (
                    "Sessions run with groups people already belong to: a tenants' "
                    "association, a college course, a parents' group. We bring tablets and "
                    "stay for the whole session."
                ),
            },
        ],
    },
    {
        "community": "education-skills-and-jobs",
        "title": "Digital skills sessions in libraries: what brings people back?",
        "author": "hannah.oduya@example.org",
        "days_ago": 5,
        "tags": ["digital inclusion", "libraries"],
        "body": (
            "Our first sessions fill up; the second and third lose half the group. What "
            "helped you keep people coming back?"
        ),
        "replies": [
            {
                "author": "tom.okafor@example.org",
                "hours_later": 6,
                "body": (
                    "Letting people bring the thing they actually need to do: a repeat "
                    "prescription, a bus pass renewal. The session becomes theirs."
                ),
            },
        ],
    },
    {
        "community": "economy-and-business",
        "title": "Procurement that small suppliers can actually bid for",
        "author": "daniel.brennan@example.org",
        "days_ago": 18,
        "tags": ["procurement", "smes"],
        "body": (
            "As a small supplier, the tenders we can win have short forms, a clear problem "
            "statement and a chance to ask questions before the deadline.\n\n"
            "Councils here: what helped your procurement team say yes to that?"
        ),
        "replies": [
            {
                "author": "ravi.chowdhury@example.org",
                "hours_later": 48,
                "body": (
                    "A published pipeline of what we plan to buy next year. Suppliers could "
                    "prepare, and the procurement team got better bids."
                ),
            },
        ],
    },
]
