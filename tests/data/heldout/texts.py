"""Held-out news texts for the attribution suggester, with their annotation.

Written for this purpose on other events than the sample articles, and annotated by the
guidelines of tests/data/gold/README.md, except where issue 14 defines the source label
more widely: documents and evidence that speak ("the report said", "satellite imagery
shows") are sources, and so are the speakers of demands and calls ("X urged …"). They were written and annotated before the attribution
rules, and the rules were not tuned on them.

Markup: ``[[key|text]]`` marks a span; the key's first letter is its label (c claim,
s source, d denial, f figure); spans nest. RELATIONS lists (head key, tail key): a claim
to its source is ``attributed_to``, a denial to its claim ``denies``.
"""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "h1_port_strike": (
        "Dock Workers Extend Strike at Northern Ports\n"
        "Thousands of dock workers stayed off the job on Tuesday as a strike at three northern "
        "ports entered its second week. [[s1|The Harbour Workers Union]] said "
        "[[c1|[[f1|more than 4,000 workers]] had joined the walkout]], and "
        "[[s2|union leader Maria Ostrova]] warned that [[c2|the action could spread to southern terminals "
        "within days]]. [[s3|Port operator Baltline]] [[d1|denied]] that [[c3|cargo had piled "
        "up at the quays]], saying [[c4|most container traffic had been diverted]]. "
        "According to [[s4|the national logistics agency]], [[c5|[[f2|about 120 ships]] were "
        "waiting at anchor on Monday]]. [[s5|Transport Minister Jonas Keller]] urged both sides "
        "to return to talks. [[s6|Ostrova]] told reporters that [[c6|the union had received no "
        "new offer]]."
    ),
    "h2_hospital_hack": (
        "Hackers Hit Regional Hospital Network\n"
        "[[c0|A cyberattack has disrupted computer systems at [[f1|eleven hospitals]] in the "
        "Lower Valley region]], [[s0|officials]] said on Sunday. [[s1|The regional health "
        "authority]] said [[c1|patient records had not been stolen]], but "
        "[[s2|independent security researchers]] claimed that [[c2|data from [[f2|at least "
        "30,000 patients]] was offered for sale online]]. [[s3|The authority]] "
        "[[d1|dismissed the claim]], calling it [[d2|\u201cunfounded speculation.\u201d]] "
        "\u201c[[c3|Emergency care has continued without interruption]],\u201d said "
        "[[s4|Dr. Helen Marsh]], the authority's medical director. [[s5|Police]] "
        "[[d3|declined to comment]] on reports that [[c4|a ransom had been demanded]]. "
        "[[s6|Analysts]] say [[c5|hospitals remain easy targets because their systems are "
        "old]]."
    ),
    "h3_wildfire": (
        "Wildfire Forces Evacuations in Hill Towns\n"
        "[[c0|A fast-moving wildfire has forced the evacuation of [[f1|some 8,000 residents]] from "
        "hill towns east of Calvera]], according to [[s1|the civil protection agency]]. "
        "[[s2|Fire chief Tomas Rede]] said [[c1|the blaze had burned [[f3|more than 2,000 hectares]] "
        "since Friday]] and warned that [[c2|strong winds could push it toward the coast]]. "
        "[[s3|Satellite images]] released on Monday show [[c3|the fire front stretching [[f4|over "
        "15 kilometres]]]]. [[s4|Local officials]] accused the regional government of "
        "[[c4|cutting the firefighting budget]], a charge [[s5|the government]] "
        "[[d1|rejected]]. [[s6|Rede]] added that [[c5|[[f2|about 300 firefighters]] were "
        "working through the night]]."
    ),
    "h4_central_bank": (
        "Central Bank Holds Rates, Signals Caution\n"
        "The central bank left its key interest rate unchanged on Thursday. "
        "[[s1|Governor Anika Lindqvist]] told a news conference that [[c1|inflation was falling more "
        "slowly than expected]] and said [[c2|the bank was in no hurry to cut rates]]. "
        "[[s7|Finance Minister Paul Aubert]] has called for lower borrowing costs, but "
        "[[s3|Lindqvist]] [[d1|rejected suggestions]] that [[c3|the bank was under political "
        "pressure]]. [[s4|Economists at Nordbank]] expect [[c4|the first cut in March]], "
        "[[s5|Reuters]] reported. [[s6|The bank's statement]] noted that [[c5|wage growth "
        "remained strong]]."
    ),
    "h5_ceasefire": (
        "Ceasefire Holds in Border Province Despite Reports of Shelling\n"
        "[[c0|A ceasefire between government forces and rebels in the border province of Tarsk "
        "largely held on Saturday]], [[s1|United Nations monitors]] said. [[s2|Rebel "
        "commanders]] accused the army of [[c1|shelling [[f1|two villages]] overnight]], but "
        "[[s3|the defence ministry]] [[d1|denied the accusation]], saying [[c2|its troops "
        "had only returned fire]]. [[s4|The ministry's spokesman, Colonel Ivo Brandt]], said "
        "[[c3|[[f2|three soldiers]] were wounded in the exchange]]. The report "
        "[[d2|could not be independently verified]]. [[s5|Aid groups]] estimate that "
        "[[c4|[[f3|about 60,000 people]] have fled the province since March]]."
    ),
    "h6_recall": (
        "Carmaker Recalls Vehicles Over Brake Fault\n"
        "[[c0|Velta Motors is recalling [[f1|about 250,000 cars]] in Europe]], [[s2|the "
        "company]] said on Wednesday, after tests found that [[c1|a brake hose could wear "
        "through]]. [[s3|A company spokeswoman]] said [[c2|no accidents had been linked to "
        "the fault]]. [[s4|Consumer groups]] claimed that [[c3|the carmaker had known about "
        "the problem for months]], an allegation [[s5|Velta]] [[d1|firmly denied]]. "
        "[[s6|The transport safety regulator]] said [[c4|it would review the recall]]."
    ),
}

# Written after the attribution rules were frozen and measured once, untouched since.
BLIND_TEXTS: dict[str, str] = {
    "b1_election": (
        "Recount Confirms Narrow Win in Harlow Mayoral Race\n"
        "A recount has confirmed that [[c1|incumbent mayor Rosa Lind won by [[f1|212 votes]]]], "
        "[[s1|the county election board]] announced on Thursday. [[s2|Her challenger, Mark "
        "Devlin]], alleged that [[c2|[[f2|hundreds of postal ballots]] had been wrongly "
        "rejected]]. [[s3|Board chair Ellen Moss]] [[d1|dismissed the allegation]], saying "
        "[[c3|every rejected ballot had been reviewed twice]]. [[c4|Devlin's lawyers are "
        "expected to file a challenge next week]], [[s5|local media]] reported."
    ),
    "b2_drought": (
        "Farmers Warn of Poor Harvest as Drought Deepens\n"
        "[[s1|The national farmers' federation]] warned on Monday that [[c1|wheat yields could "
        "fall by a third this year]]. [[s2|Agriculture Minister Tomas Ek]] told parliament "
        "that [[c2|emergency feed would be delivered to [[f1|some 3,000 farms]]]]. "
        "[[s3|Meteorologists]] believe [[c3|rain is unlikely before October]]. "
        "[[s4|A ministry spokeswoman]] [[d1|refused to confirm]] reports that [[c4|water "
        "rationing was being planned for the capital]]."
    ),
    "b3_factory_fire": (
        "Fire Destroys Textile Factory, Dozens Hurt\n"
        "[[c1|[[f1|At least 40 workers]] were injured when a fire swept through a textile "
        "factory in Marn]], [[s1|the fire service]] said. According to [[s2|witnesses]], "
        "[[c2|emergency exits had been locked]]. [[s3|The factory owner]] "
        "[[d1|denied]] that [[c3|any exit was locked]] and blamed an electrical fault. "
        "\u201c[[c4|We have never had a safety problem]],\u201d he told "
        "reporters. [[s5|Labour inspectors]] said [[c5|the plant had failed [[f2|two inspections]] "
        "last year]]."
    ),
    "b4_satellite": (
        "Space Agency Loses Contact With Weather Satellite\n"
        "[[s1|The European space agency]] said on Friday that [[c1|it had lost contact with a "
        "weather satellite launched in 2019]]. [[s2|Engineers]] suspect that [[c2|a solar storm "
        "damaged its power system]]. [[s3|The agency's director, Dr. Paula Sand]], said "
        "[[c3|there was still a chance of restoring the link]]. [[s4|Some experts]] have "
        "questioned whether [[c4|the satellite was properly shielded]], a concern [[s5|the "
        "agency]] [[d1|rejected]]."
    ),
    "b5_transfer": (
        "Club Denies Star Striker Is for Sale\n"
        "[[s1|Northfield United]] has [[d1|dismissed reports]] that [[c1|its top scorer "
        "will leave in January]]. [[s2|Two newspapers]] claimed on Sunday that [[c2|a rival "
        "club had offered [[f1|more than 50 million euros]]]]. [[s3|Manager Ivan Kos]] "
        "said [[c3|the player was happy and would stay]]. The newspapers' reports "
        "[[d2|could not be verified]]."
    ),
}

RELATIONS: dict[str, list[tuple[str, str]]] = {
    "b1_election": [("c1", "s1"), ("c2", "s2"), ("d1", "c2"), ("c3", "s3"), ("c4", "s5")],
    "b2_drought": [("c1", "s1"), ("c2", "s2"), ("c3", "s3"), ("d1", "c4")],
    "b3_factory_fire": [("c1", "s1"), ("c2", "s2"), ("d1", "c3"), ("c4", "s3"), ("c5", "s5")],
    "b4_satellite": [("c1", "s1"), ("c2", "s2"), ("c3", "s3"), ("c4", "s4"), ("d1", "c4")],
    "b5_transfer": [("d1", "c1"), ("c2", "s2"), ("c3", "s3"), ("d2", "c2")],
    "h1_port_strike": [
        ("c1", "s1"),
        ("c2", "s2"),
        ("d1", "c3"),
        ("c4", "s3"),
        ("c5", "s4"),
        ("c6", "s6"),
    ],
    "h2_hospital_hack": [
        ("c0", "s0"),
        ("c1", "s1"),
        ("c2", "s2"),
        ("d1", "c2"),
        ("d2", "c2"),
        ("c3", "s4"),
        ("d3", "c4"),
        ("c5", "s6"),
    ],
    "h3_wildfire": [
        ("c0", "s1"),
        ("c1", "s2"),
        ("c2", "s2"),
        ("c3", "s3"),
        ("c4", "s4"),
        ("d1", "c4"),
        ("c5", "s6"),
    ],
    "h4_central_bank": [
        ("c1", "s1"),
        ("c2", "s1"),
        ("d1", "c3"),
        ("c4", "s4"),
        ("c4", "s5"),
        ("c5", "s6"),
    ],
    "h5_ceasefire": [
        ("c0", "s1"),
        ("c1", "s2"),
        ("d1", "c1"),
        ("c2", "s3"),
        ("c3", "s4"),
        ("d2", "c1"),
        ("c4", "s5"),
    ],
    "h6_recall": [("c0", "s2"), ("c2", "s3"), ("c3", "s4"), ("d1", "c3"), ("c4", "s6")],
}
