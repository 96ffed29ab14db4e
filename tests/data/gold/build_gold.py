"""Build the gold-standard fixture `sample_gold.jsonl` from the hand annotations below.

The annotations follow README.md in this folder. Each is (key, label, quoted text,
occurrence, note): the quote is found in the article text exactly as Workbench stores
it, `occurrence` (0-based) picks one hit when the quote repeats and must be None when it
does not. The spans and relations go into a private copy of the sample project through
`Project.add_span` / `add_relation`, and Workbench's own exporter writes the JSONL.

    python tests/data/gold/build_gold.py [OUT.jsonl]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import NamedTuple

from workbench.exporter import export_project
from workbench.project import Project
from workbench.sample import build_sample

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "sample_gold.jsonl"
ANNOTATOR = "gold"
LABELS = ("claim", "source", "denial", "figure")


class Ann(NamedTuple):
    key: str
    label: str
    quote: str
    occurrence: int | None = None
    note: str = ""


def claim(key: str, quote: str, occurrence: int | None = None, note: str = "") -> Ann:
    return Ann(key, "claim", quote, occurrence, note)


def source(key: str, quote: str, occurrence: int | None = None, note: str = "") -> Ann:
    return Ann(key, "source", quote, occurrence, note)


def denial(key: str, quote: str, occurrence: int | None = None, note: str = "") -> Ann:
    return Ann(key, "denial", quote, occurrence, note)


def figure(key: str, quote: str, occurrence: int | None = None, note: str = "") -> Ann:
    return Ann(key, "figure", quote, occurrence, note)


A000 = "000_04935ad15eac610d.txt"
A001 = "001_349974de507a0d9c.txt"
A002 = "002_f669d766b325c5e1.txt"
A003 = "003_5ec9ef2b1258ae77.txt"
A004 = "004_67a9cb72d3859f36.txt"

# Where the article proper begins (003 opens with a forum's banner and post header).
CONTENT_START = {A003: "South Korea's government has issued"}

ANNOTATIONS: dict[str, list[Ann]] = {
    A000: [
        source("s_sk_demand", "South Korea", 1, note="issue 14: 'South Korea ... demanding'"),
        source("s_nis", "Seoul’s intelligence agency"),
        claim(
            "c_1500",
            "approximately 1,500 North Korean soldiers, including special forces, "
            "have already made their way to Russia",
        ),
        figure("f_1500", "approximately 1,500 North Korean soldiers"),
        source(
            "s_kim_warning",
            "South Korean Vice Foreign Minister Kim Hong-kyun",
            note="issue 14: speaker of a warning; the pledge he states is not a claim",
        ),
        source("s_zinoviev", "Ambassador Zinoviev"),
        claim(
            "c_legal",
            'the ongoing cooperation between Moscow and Pyongyang is "within the '
            'framework of international law."',
        ),
        denial(
            "d_refrained",
            "refrained from confirming the allegations",
            note="agent is 'he' (Zinoviev): pronoun, no source span",
        ),
        claim(
            "c_fight",
            "North Korean troops are being deployed to fight alongside Russian forces in Ukraine",
            note="'the allegations': no named source",
        ),
        source("s_peskov", "Kremlin spokesperson Dmitry Peskov"),
        claim(
            "c_peskov",
            'the cooperation between Russia and North Korea "is not directed '
            'against third countries" and should not induce concern',
            note="'downplay' is not a denial: no claim of the article is rejected",
        ),
        source("s_tass", "the Russian state news agency, Tass"),
        source("s_sk", "South Korea", 3),
        claim(
            "c_weapons",
            "supplying weapons to Russia for use in the ongoing Ukraine conflict",
            note="accused X of <gerund>: the gerund phrase",
        ),
        source("s_media", "South Korean media"),
        claim(
            "c_12000",
            "as many as 12,000 North Korean soldiers could potentially be deployed, "
            "escalating threats not just to South Korea but to the broader international "
            "community",
        ),
        figure("f_12000", "as many as 12,000 North Korean soldiers"),
        source("s_kim", "Kim Hong-kyun", 1),
        claim(
            "c_threat",
            "the potential deployment as a severe threat",
            note="characterized NP as X: 'NP as X'",
        ),
        source("s_rutte", "NATO Secretary-General Mark Rutte"),
        claim(
            "c_rutte",
            "North Korea’s deployment to assist Russia would signify a significant "
            "escalation in the ongoing conflict",
        ),
        source(
            "s_yoon",
            "South Korean President Yoon Suk Yeol",
            note="issue 14: 'urged'; no claim (a call and a hint of policy)",
        ),
        source("s_lammy", "British Foreign Minister David Lammy"),
        claim("c_lammy", 'Russia’s actions as "reckless and illegal,"'),
        source(
            "s_us_japan",
            "The United States and Japan",
            note="issue 14: countries as speakers ('denouncing' an NP: no claim)",
        ),
        source(
            "s_china_fm",
            "China’s foreign ministry",
            note="issue 14: 'has called for de-escalation, expressing hope': no claim",
        ),
        source("s_defense_analysts", "Some defense analysts"),
        claim(
            "c_complicate",
            "North Korea’s involvement might complicate the conflict, "
            "potentially leading to greater international engagement",
        ),
        source("s_experts", "experts"),
        claim(
            "c_challenges",
            "integrating its troops into Russian military operations might "
            "present challenges due to language barriers and a lack of recent combat "
            "experience",
        ),
        source("s_analysts", "Some analysts"),
        claim(
            "c_border",
            "North Korean soldiers may be tasked with securing the "
            "Russian-Ukrainian border rather than engaging directly in frontline battles, "
            "allowing Russian forces to redeploy to critical sectors of the conflict",
        ),
    ],
    A001: [
        source("s_fm", "South Korea’s foreign ministry"),
        claim(
            "c_deployment",
            "the deployment of North Korean troops to Russia, allegedly for "
            "use in the war in Ukraine",
            note="what it described as X: X",
        ),
        source(
            "s_kim_demand",
            "South Korea’s first vice foreign minister, Kim Hong-kyun",
            note="issue 14: speaker of a demand; the name is in the apposition",
        ),
        source(
            "s_ministry_statement",
            "a statement from the ministry",
            note="issue 14: a document as source ('according to'); reports a demand",
        ),
        source("s_kim", "Kim", 1, note="'Kim expressed ... asserting that'"),
        claim(
            "c_threat",
            "it poses significant security threats to South Korea and the broader "
            "international community",
        ),
        source("s_gov", "The South Korean government"),
        claim("c_violate", "such actions violate United Nations resolutions and the U.N. Charter"),
        source(
            "s_kim_said",
            "Kim",
            2,
            note="issue 14: 'Kim said' a condemnation and a pledge: no claim",
        ),
        source("s_sk_views", "South Korea", 4, note="'what South Korea views as X'"),
        claim("c_core_threat", "a direct threat to its core security interests"),
        source(
            "s_embassy",
            "the Russian embassy in Seoul",
            note="relays Zinoviev's statement, like an outlet",
        ),
        source("s_post", "the post", note="issue 14: 'According to the post'"),
        source(
            "s_zinoviev",
            "Zinoviev",
            2,
            note="'Zinoviev claimed'; the possessive before is not a source",
        ),
        claim(
            "c_legal",
            "cooperation between Russia and North Korea was in compliance with "
            "international law and did not endanger South Korea’s security",
        ),
        source(
            "s_nis",
            "South Korea’s National Intelligence Service",
            note="the acronym '(NIS)' after it is left out",
        ),
        claim(
            "c_1500",
            "North Korea had sent around 1,500 special forces troops to Russia’s Far "
            "East for training",
        ),
        figure("f_1500", "around 1,500 special forces troops"),
        claim(
            "c_acclimatized",
            "they were being acclimatized at Russian military bases",
            note="second that-clause of 'reported': its own claim",
        ),
        source("s_nis2", "The NIS"),
        claim("c_combat", "these troops would likely be deployed in combat operations in Ukraine"),
        source("s_zelenskiy", "Ukrainian President Volodymyr Zelenskiy"),
        claim(
            "c_10000",
            "preparing to send up to 10,000 soldiers to assist Russia",
            note="the trailing 'escalating fears' is the journalist's, not the accusation",
        ),
        figure("f_10000", "up to 10,000 soldiers"),
        source("s_nsc", "A spokesperson for the White House National Security Council"),
        claim(
            "c_fighting",
            "North Korean troops fighting alongside Russia",
            note="'the reports of X': no named source",
        ),
        denial("d_not_confirmed", "could not be confirmed"),
        claim(
            "c_dangerous",
            "if true, it would represent a “dangerous development” in the ongoing war",
            note="conditional kept whole",
        ),
        source("s_spokesperson", "the spokesperson"),
        claim(
            "c_destabilize",
            "could further destabilize the region and prolong the conflict in Ukraine",
            note="attribution interrupts the clause: the predicate part is taken",
        ),
        source("s_mod", "South Korea’s defense ministry"),
        claim(
            "c_consulted",
            "it had consulted with Washington prior to making the intelligence public",
        ),
        source(
            "s_ministry",
            "The ministry",
            note="issue 14: 'reiterated its strong opposition ... and called for'",
        ),
        source("s_seoul", "Seoul", 2),
        claim(
            "c_illegal",
            "is illegal under international law",
            note="'which Seoul insists is X': the predicate part",
        ),
        source("s_rutte", "NATO chief Mark Rutte"),
        claim(
            "c_rutte",
            "if North Korea were indeed sending soldiers to fight on behalf of "
            "Russia, it would significantly escalate the ongoing conflict",
        ),
        source("s_rutte_call", "Rutte", 1, note="issue 14: 'Rutte called for'"),
        source(
            "s_lin",
            "Chinese foreign ministry spokesperson Lin Jian",
            note="issue 14: 'calling for de-escalation, saying that Beijing hopes': no claim",
        ),
        denial("d_denials", "repeated denials"),
        source(
            "s_two_nations",
            "the two nations",
            0,
            note="issue 14: 'have publicly pledged' (a pledge, no claim); not a figure",
        ),
        source("s_moscow", "Moscow", 1, note="agent of a denial: no relation type links it"),
        source("s_pyongyang", "Pyongyang", 2, note="agent of a denial: no relation type links it"),
        claim("c_arms", "arms transfers or direct military cooperation"),
    ],
    A002: [
        source(
            "s_sk_voiced",
            "South Korea",
            0,
            note="issue 14: 'voiced serious concern'; the 'reportedly' clause is not its claim",
        ),
        claim(
            "c_includes",
            "includes deploying North Korean troops to aid Russia’s war efforts in Ukraine",
            note="'which reportedly includes': hedge and relative pronoun left out",
        ),
        claim("c_threat", "a threat to global security", note="'labeled as X', no agent"),
        source("s_seoul", "Seoul", 0, note="issue 14: 'a strong reaction from Seoul, with calls'"),
        source("s_officials", "South Korean and U.S. officials"),
        claim("c_presence", "an increasing presence of North Korean troops in Russia"),
        source(
            "s_mofa",
            "South Korea’s Ministry of Foreign Affairs",
            note="issue 14: 'issued a direct statement ... urging ... calling for'",
        ),
        source(
            "s_statement",
            "The statement",
            note="issue 14: a document as speaker ('underscored ... stressing'): no claim",
        ),
        source("s_yoon", "South Korean President Yoon Suk Yeol"),
        claim(
            "c_provocation",
            "it as a “provocation that threatens global security.”",
            note="denouncing NP as X: 'NP as X'",
        ),
        source(
            "s_yoon_highlighted",
            "Yoon",
            2,
            note="issue 14: 'Yoon highlighted ..., suggesting' a policy deliberation: no claim",
        ),
        source("s_yoon_emphasized", "Yoon", 3, note="issue 14: 'Yoon emphasized' a pledge"),
        source("s_officials2", "U.S. and South Korean officials"),
        claim(
            "c_3000",
            "up to 3,000 North Korean troops had been observed in multiple Russian locations",
        ),
        figure("f_3000", "up to 3,000 North Korean troops"),
        source("s_ukr_intel", "Ukrainian intelligence"),
        claim(
            "c_kursk",
            "North Korean forces trained in Russia have already been deployed to the "
            "Kursk region, a site of significant conflict near Ukraine’s border",
        ),
        source(
            "s_putin",
            "Russian President Vladimir Putin",
            note="agent of a denial: no relation type links it",
        ),
        denial(
            "d_deflected",
            "deflected questions about North Korean troop movements",
            note="evasion counts as refusal to confirm",
        ),
        claim(
            "c_buildup",
            "a buildup",
            note="'satellite imagery suggesting X'",
        ),
        source("s_imagery", "satellite imagery", note="issue 14: evidence that reports"),
        source("s_putin2", "Putin", 3),
        claim("c_decision", "it was Russia’s decision on how to enact the mutual defense clause"),
        source("s_un_mission", "North Korea’s United Nations mission"),
        denial("d_dismissed", "dismissed allegations"),
        claim("c_sending", "sending troops to Russia"),
        denial(
            "d_calling",
            "calling them “groundless, stereotyped rumors.”",
            note="second denial predicate of the same statement",
        ),
        source(
            "s_official_statement",
            "The official statement",
            note="issue 14: a document as agent of a denial: no relation type links it",
        ),
        denial(
            "d_unfounded",
            "were unfounded",
            note="'refrained from elaborating on military "
            "cooperation' before it is not a denial: no claim is declined",
        ),
        claim("c_deployment", "troop deployment", note="'claims of X': X"),
        source("s_sk", "South Korea", 5, note="'what it sees as X': it = South Korea"),
        claim("c_serious_threat", "a serious threat"),
    ],
    A003: [
        source(
            "s_sk_gov",
            "South Korea's government",
            note="issue 14: 'has issued an urgent demand'",
        ),
        source(
            "s_intel_reports",
            "intelligence reports and growing evidence",
            note="issue 14: documents and evidence as source ('... suggesting that X')",
        ),
        claim(
            "c_present",
            "North Korean soldiers are not only present in Russia but may also be "
            "actively involved in supporting Moscow's military operations",
            note="'intelligence reports and growing evidence suggesting X'",
        ),
        claim(
            "c_deepened",
            "Pyongyang has deepened its military cooperation with Moscow",
            note="'reports that X'; the appositive after it is the journalist's",
        ),
        source("s_intel_officials", "South Korean intelligence and defense officials"),
        source(
            "s_evidence",
            "a growing body of evidence",
            note="issue 14: evidence that 'suggests' X, relayed by the officials",
        ),
        claim(
            "c_combat_personnel",
            "North Korea has sent combat personnel to Russia, possibly as "
            "part of an informal agreement between the two nations",
            note="'the two nations' is not a figure",
        ),
        claim(
            "c_trend",
            "part of a broader trend of North Korea, under Kim Jong Un's regime, "
            "seeking to solidify its military alliances while maintaining a confrontational "
            "stance against Western powers",
            note="'is seen as X', no agent",
        ),
        source(
            "s_seoul_statement",
            "The official statement from Seoul",
            note="issue 14: 'expressed deep unease over the reported presence': no claim",
        ),
        source("s_gov_officials", "South Korean government officials"),
        claim(
            "c_destabilize",
            "this move could further destabilize an already precarious situation in the region",
        ),
        claim(
            "c_escalate",
            "North Korea's involvement in Russia's military affairs could escalate "
            "tensions on the Korean Peninsula",
        ),
        source("s_observers", "Observers"),
        claim(
            "c_emboldened",
            "Kim Jong Un's regime has been increasingly emboldened by its close "
            "ties with Russia, which have strengthened significantly since the outbreak of the "
            "Ukraine conflict",
        ),
        claim(
            "c_active",
            "North Korean troops potentially being active in Russia",
            note="'the news of X'",
        ),
        source("s_analysts", "Analysts in Seoul"),
        claim(
            "c_gambit",
            "this military cooperation could be part of a broader strategic gambit "
            "by Pyongyang to gain leverage in future negotiations with the United States and "
            "its allies",
            note="'with some suggesting': some = Analysts in Seoul",
        ),
        claim(
            "c_aggressive",
            "this could signal a more aggressive phase in North Korea's foreign "
            "policy, with the regime becoming more willing to directly intervene in "
            "international conflicts to achieve its goals",
            note="'Others' is a pronoun: attributed to Analysts in Seoul",
        ),
        claim(
            "c_visit",
            "North Korean leader Kim Jong Un personally visited Russia, meeting with "
            "President Vladimir Putin",
            note="'reports that X'",
        ),
        claim(
            "c_discussed",
            "the two leaders reportedly discussed various forms of military and "
            "technical cooperation",
            note="a hedge inside the clause stays in the span",
        ),
        claim(
            "c_weapons",
            "North Korea might be supplying Russia with weapons and ammunition, "
            "particularly in light of Moscow's prolonged engagement in Ukraine",
            note="'concerns that X'",
        ),
        source("s_both", "both governments"),
        denial("d_denied", "denied", 0),
        claim("c_arms", "any official arms transfers"),
        source(
            "s_yoon",
            "South Korean President Yoon Suk-yeol",
            note="issue 14: 'calling for firm international pressure'",
        ),
        source(
            "s_us",
            "The United States",
            note="issue 14: 'voiced its full support'; the apposition after the name is left out",
        ),
        source("s_senior", "senior officials"),
        claim(
            "c_complicate",
            "the presence of North Korean soldiers in Russia could further "
            "complicate efforts to maintain peace and stability in the region",
        ),
        claim(
            "c_sanctions",
            "additional sanctions could be imposed on both North Korea and Russia "
            "if they are found to be violating existing international agreements, particularly "
            "in relation to arms transfers",
            note="'speculation that X', no agent",
        ),
        source("s_moscow_officials", "officials", 3, note="'In Moscow, officials'"),
        claim(
            "c_routine",
            "it as part of a routine exchange between two friendly nations",
            note="framing NP as X: 'NP as X'; 'two friendly nations' is not a figure",
        ),
        source("s_russian_defense", "Russian defense officials"),
        denial("d_consistently", "consistently denied"),
        claim("c_combat", "North Korean troops are involved in any combat operations"),
        claim(
            "c_broader_effort",
            "their presence as part of a broader effort to strengthen ties "
            "between the two countries",
        ),
        source("s_seoul_press", "Seoul", 8, note="issue 14: 'Seoul continues to press for'"),
    ],
    A004: [
        source("s_sk", "South Korea", 0, note="'South Korea accuses'"),
        claim("c_assisting", "assisting Russia in its military efforts within Ukraine"),
        source("s_sk_bullet", "South Korea", 1, note="issue 14: 'South Korea demands'"),
        claim(
            "c_1500_bullet",
            "Approximately 1,500 North Korean soldiers reportedly arrived in Russia",
            note="a hedge inside the clause stays in the span",
        ),
        figure("f_1500_bullet", "Approximately 1,500 North Korean soldiers"),
        source("s_nk_bullet", "North Korea", 2, note="'North Korea denies'"),
        denial("d_denies", "denies"),
        claim("c_involvement", "any involvement"),
        denial("d_baseless", "claiming the allegations are baseless"),
        source("s_sk_demanding", "South Korea", 4, note="issue 14: '... demanding clarity'"),
        source("s_sk_intel", "South Korean intelligence"),
        claim(
            "c_1500",
            "about 1,500 North Korean soldiers, including special forces, have been dispatched",
            note="the trailing 'stirring apprehensions' is the journalist's",
        ),
        figure("f_1500", "about 1,500 North Korean soldiers"),
        source(
            "s_kim_warned",
            "South Korean Vice-Foreign Minister Kim Hong-kyun",
            note="issue 14: 'warned of a possible stringent reaction': no claim",
        ),
        source("s_nk", "North Korea", 4, note="'North Korea has firmly denied'"),
        denial("d_firmly", "firmly denied allegations"),
        claim("c_sending", "sending troops"),
        denial("d_dismissing", "dismissing them as “groundless rumors.”"),
        source("s_russia", "Russia", 5, note="'Russia, while affirming'"),
        claim(
            "c_legal",
            "its military cooperation with North Korea falls “within the framework "
            "of international law,”",
        ),
        denial("d_not_confirmed", "has not confirmed these troop movements"),
        source("s_analysts", "Analysts"),
        claim("c_strain", "this claim could strain Russia’s diplomatic ties with South Korea"),
        claim(
            "c_gear",
            "The presence of North Korean soldiers in Russian military gear",
            note="'as reported': no named source",
        ),
        denial(
            "d_not_verified",
            "has not been independently verified",
            note="non-confirmation without an agent still counts",
        ),
        claim("c_grave", "“a grave security threat”", note="pull quote"),
        source("s_kim", "Vice South Korean Foreign Minister Kim Hong Kyun"),
        denial(
            "d_no_confirmation",
            "no confirmation has been provided",
            note="linked to the article's central troop claim",
        ),
        source("s_experts", "Experts"),
        claim(
            "c_complications",
            "the potential involvement of North Korean troops could lead to "
            "complications within the Ukraine conflict, affecting broader geopolitical dynamics",
        ),
        source(
            "s_kim_pull",
            "Kim Hong-kyun",
            1,
            note="issue 14: speaker of the pull quote (a pledge, no claim)",
        ),
    ],
}

# Relations inside one article: (label, head key, tail key).
RELATIONS: dict[str, list[tuple[str, str, str]]] = {
    A000: [
        ("attributed_to", "c_1500", "s_nis"),
        ("attributed_to", "c_legal", "s_zinoviev"),
        ("denies", "d_refrained", "c_fight"),
        ("attributed_to", "c_peskov", "s_peskov"),
        ("attributed_to", "c_peskov", "s_tass"),
        ("attributed_to", "c_weapons", "s_sk"),
        ("attributed_to", "c_12000", "s_media"),
        ("attributed_to", "c_threat", "s_kim"),
        ("attributed_to", "c_rutte", "s_rutte"),
        ("attributed_to", "c_lammy", "s_lammy"),
        ("attributed_to", "c_complicate", "s_defense_analysts"),
        ("attributed_to", "c_challenges", "s_experts"),
        ("attributed_to", "c_border", "s_analysts"),
    ],
    A001: [
        ("attributed_to", "c_deployment", "s_fm"),
        ("attributed_to", "c_threat", "s_kim"),
        ("attributed_to", "c_violate", "s_gov"),
        ("attributed_to", "c_core_threat", "s_sk_views"),
        ("attributed_to", "c_legal", "s_zinoviev"),
        ("attributed_to", "c_legal", "s_embassy"),
        ("attributed_to", "c_legal", "s_post"),
        ("attributed_to", "c_1500", "s_nis"),
        ("attributed_to", "c_acclimatized", "s_nis"),
        ("attributed_to", "c_combat", "s_nis2"),
        ("attributed_to", "c_10000", "s_zelenskiy"),
        ("denies", "d_not_confirmed", "c_fighting"),
        ("attributed_to", "c_dangerous", "s_nsc"),
        ("attributed_to", "c_destabilize", "s_spokesperson"),
        ("attributed_to", "c_consulted", "s_mod"),
        ("attributed_to", "c_illegal", "s_seoul"),
        ("attributed_to", "c_rutte", "s_rutte"),
        ("denies", "d_denials", "c_arms"),
    ],
    A002: [
        ("attributed_to", "c_presence", "s_officials"),
        ("attributed_to", "c_provocation", "s_yoon"),
        ("attributed_to", "c_3000", "s_officials2"),
        ("attributed_to", "c_kursk", "s_ukr_intel"),
        ("denies", "d_deflected", "c_buildup"),
        ("attributed_to", "c_buildup", "s_imagery"),
        ("attributed_to", "c_decision", "s_putin2"),
        ("denies", "d_dismissed", "c_sending"),
        ("denies", "d_calling", "c_sending"),
        ("denies", "d_unfounded", "c_deployment"),
        ("attributed_to", "c_serious_threat", "s_sk"),
    ],
    A003: [
        ("attributed_to", "c_present", "s_intel_reports"),
        ("attributed_to", "c_combat_personnel", "s_intel_officials"),
        ("attributed_to", "c_combat_personnel", "s_evidence"),
        ("attributed_to", "c_destabilize", "s_gov_officials"),
        ("attributed_to", "c_escalate", "s_gov_officials"),
        ("attributed_to", "c_emboldened", "s_observers"),
        ("attributed_to", "c_gambit", "s_analysts"),
        ("attributed_to", "c_aggressive", "s_analysts"),
        ("denies", "d_denied", "c_arms"),
        ("attributed_to", "c_complicate", "s_senior"),
        ("attributed_to", "c_routine", "s_moscow_officials"),
        ("denies", "d_consistently", "c_combat"),
        ("attributed_to", "c_broader_effort", "s_russian_defense"),
    ],
    A004: [
        ("attributed_to", "c_assisting", "s_sk"),
        ("denies", "d_denies", "c_involvement"),
        ("denies", "d_baseless", "c_involvement"),
        ("attributed_to", "c_1500", "s_sk_intel"),
        ("denies", "d_firmly", "c_sending"),
        ("denies", "d_dismissing", "c_sending"),
        ("attributed_to", "c_legal", "s_russia"),
        ("denies", "d_not_confirmed", "c_1500"),
        ("attributed_to", "c_strain", "s_analysts"),
        ("denies", "d_not_verified", "c_gear"),
        ("attributed_to", "c_grave", "s_kim"),
        ("denies", "d_no_confirmation", "c_1500"),
        ("attributed_to", "c_complications", "s_experts"),
    ],
}

# The same figure or claim in two articles: each later mention -> the earliest article's one.
SAME_AS: list[tuple[tuple[str, str], tuple[str, str]]] = [
    ((A001, "f_1500"), (A000, "f_1500")),
    ((A004, "f_1500_bullet"), (A000, "f_1500")),
    ((A004, "f_1500"), (A000, "f_1500")),
    ((A001, "c_1500"), (A000, "c_1500")),
    ((A004, "c_1500_bullet"), (A000, "c_1500")),
    ((A004, "c_1500"), (A000, "c_1500")),
    ((A001, "c_legal"), (A000, "c_legal")),
    ((A004, "c_legal"), (A000, "c_legal")),
    ((A001, "c_fighting"), (A000, "c_fight")),
    ((A001, "c_combat"), (A000, "c_fight")),
    ((A002, "c_includes"), (A000, "c_fight")),
    ((A003, "c_combat"), (A000, "c_fight")),
    ((A001, "c_threat"), (A000, "c_threat")),
    ((A004, "c_grave"), (A000, "c_threat")),
    ((A001, "c_rutte"), (A000, "c_rutte")),
    ((A003, "c_weapons"), (A000, "c_weapons")),
    ((A004, "c_complications"), (A000, "c_complicate")),
    ((A003, "c_arms"), (A001, "c_arms")),
    ((A004, "c_sending"), (A002, "c_sending")),
]


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch in "-_"


def whole_word_hits(text: str, quote: str) -> list[int]:
    """Starts of `quote` in `text` that cut no word ("Russia" is not in "Russian")."""
    hits = []
    at = text.find(quote)
    while at != -1:
        end = at + len(quote)
        cuts_start = at > 0 and _is_word(text[at - 1]) and _is_word(text[at])
        cuts_end = end < len(text) and _is_word(text[end]) and _is_word(text[end - 1])
        if not cuts_start and not cuts_end:
            hits.append(at)
        at = text.find(quote, at + 1)
    return hits


def locate(text: str, ann: Ann, *, content_start: int = 0) -> tuple[int, int]:
    """The (start, end) of an annotation's quote; AssertionError when missing or ambiguous."""
    assert ann.quote == ann.quote.strip(), f"{ann.key}: quote has surrounding spaces"
    hits = whole_word_hits(text, ann.quote)
    assert hits, f"{ann.key}: {ann.quote!r} is not in the text as whole words"
    if ann.occurrence is None:
        assert len(hits) == 1, f"{ann.key}: {ann.quote!r} occurs {len(hits)} times; say which"
        start = hits[0]
    else:
        assert len(hits) > 1, f"{ann.key}: {ann.quote!r} is unique; drop the occurrence"
        assert ann.occurrence < len(hits), f"{ann.key}: only {len(hits)} hits of {ann.quote!r}"
        start = hits[ann.occurrence]
    assert start >= content_start, f"{ann.key}: {ann.quote!r} is in the page's boilerplate"
    return start, start + len(ann.quote)


def span_id(article: str, key: str) -> str:
    return f"gold-{article[:3]}-{key}"


def _check_relations() -> None:
    labels = {(a, x.key): x.label for a, anns in ANNOTATIONS.items() for x in anns}
    for article, anns in ANNOTATIONS.items():
        keys = [x.key for x in anns]
        assert len(keys) == len(set(keys)), f"{article}: duplicate keys"
    wanted = {"denies": ("denial", "claim"), "attributed_to": ("claim", "source")}
    for article, rels in RELATIONS.items():
        for label, head, tail in rels:
            assert (labels[(article, head)], labels[(article, tail)]) == wanted[label], (
                article,
                label,
                head,
                tail,
            )
    for head, tail in SAME_AS:
        assert head[0] != tail[0] and labels[head] == labels[tail], (head, tail)


def build(out: Path) -> None:
    """Write the gold fixture to `out` through a private copy of the sample project."""
    _check_relations()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sample.wbproj"
        build_sample(path)
        with Project.open(path) as project:
            doc_ids = {info.source: info.id for info in project.documents()}
            label_ids = {lb.name: lb.id for lb in project.labels()}
            type_ids = {t.name: t.id for t in project.relation_types()}
            for article, anns in ANNOTATIONS.items():
                doc_id = doc_ids[article]
                text = project.document(doc_id).text
                marker = CONTENT_START.get(article)
                content_start = text.index(marker) if marker else 0
                for ann in anns:
                    start, end = locate(text, ann, content_start=content_start)
                    project.add_span(
                        doc_id,
                        start,
                        end,
                        label_ids[ann.label],
                        annotator=ANNOTATOR,
                        note=ann.note,
                        id=span_id(article, ann.key),
                    )
            for article, rels in RELATIONS.items():
                for label, head, tail in rels:
                    project.add_relation(
                        span_id(article, head),
                        span_id(article, tail),
                        type_ids[label],
                        annotator=ANNOTATOR,
                        id=f"{span_id(article, head)}-{label}-{tail}",
                    )
            for (ha, hk), (ta, tk) in SAME_AS:
                project.add_relation(
                    span_id(ha, hk),
                    span_id(ta, tk),
                    type_ids["same_as"],
                    annotator=ANNOTATOR,
                    id=f"{span_id(ha, hk)}-same_as-{span_id(ta, tk)}",
                )
            export_project(project, out, format="jsonl")


def counts() -> dict[str, dict[str, int]]:
    """Spans per label per article, for the README."""
    return {
        a: {lb: sum(x.label == lb for x in anns) for lb in LABELS}
        for a, anns in ANNOTATIONS.items()
    }


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else FIXTURE
    build(target)
    for article, row in counts().items():
        print(article, row, sum(row.values()))
    print("relations:", sum(map(len, RELATIONS.values())), "+ same_as", len(SAME_AS))
    print(f"Wrote {target}")
