"""Build `sample_second.jsonl`: a second analyst's independent annotation of the samples.

Written from the article texts and the label definitions in tests/data/gold/README.md,
not from the gold spans, by annotator `second`; with `sample_gold.jsonl` it gives the
README's agreement table. Each annotation is (key, label, quote): the quote occurs once
in its article; `[[...]]` marks the span inside a longer quote when the span alone repeats.

    python tests/data/second/build_second.py [OUT.jsonl]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from workbench.exporter import export_project
from workbench.project import Project
from workbench.sample import build_sample

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "sample_second.jsonl"
ANNOTATOR = "second"

A0, A1, A2, A3, A4 = (
    "000_04935ad15eac610d.txt",
    "001_349974de507a0d9c.txt",
    "002_f669d766b325c5e1.txt",
    "003_5ec9ef2b1258ae77.txt",
    "004_67a9cb72d3859f36.txt",
)

C, S, D, F = "claim", "source", "denial", "figure"

ANNOTATIONS: dict[str, list[tuple[str, str, str]]] = {
    A0: [
        ("s_sk1", S, "[[South Korea]] has summoned"),
        ("c_training", C, "North Korean troops currently undergoing training in Russia"),
        ("s_nis", S, "Seoul’s intelligence agency"),
        (
            "c_1500",
            C,
            "approximately 1,500 North Korean soldiers, including special forces, "
            "have already made their way to Russia",
        ),
        ("f_1500", F, "approximately 1,500 North Korean soldiers"),
        ("s_zin", S, "Ambassador Zinoviev"),
        (
            "c_law",
            C,
            'the ongoing cooperation between Moscow and Pyongyang is "within the '
            'framework of international law."',
        ),
        ("d_conf", D, "refrained from confirming"),
        (
            "c_fight",
            C,
            "North Korean troops are being deployed to fight alongside Russian forces in Ukraine",
        ),
        ("s_peskov", S, "Kremlin spokesperson Dmitry Peskov"),
        (
            "c_peskov",
            C,
            'the cooperation between Russia and North Korea "is not directed '
            'against third countries"',
        ),
        ("s_tass", S, "Tass"),
        ("s_sk2", S, "[[South Korea]] has long accused"),
        ("c_weapons", C, "supplying weapons to Russia for use in the ongoing Ukraine conflict"),
        ("s_media", S, "South Korean media"),
        ("c_12000", C, "as many as 12,000 North Korean soldiers could potentially be deployed"),
        ("f_12000", F, "as many as 12,000 North Korean soldiers"),
        ("s_kim", S, "[[Kim Hong-kyun]] characterized"),
        ("c_threat", C, "the potential deployment as a severe threat"),
        ("s_rutte", S, "NATO Secretary-General Mark Rutte"),
        (
            "c_rutte",
            C,
            "North Korea’s deployment to assist Russia would signify a significant "
            "escalation in the ongoing conflict",
        ),
        ("s_lammy", S, "British Foreign Minister David Lammy"),
        ("c_lammy", C, 'Russia’s actions as "reckless and illegal,"'),
        ("s_defense", S, "Some defense analysts"),
        ("c_complicate", C, "North Korea’s involvement might complicate the conflict"),
        ("s_experts", S, "experts"),
        (
            "c_integrate",
            C,
            "integrating its troops into Russian military operations might "
            "present challenges due to language barriers and a lack of recent "
            "combat experience",
        ),
        ("s_some", S, "Some analysts"),
        (
            "c_border",
            C,
            "North Korean soldiers may be tasked with securing the "
            "Russian-Ukrainian border rather than engaging directly in frontline "
            "battles",
        ),
    ],
    A1: [
        ("s_fm", S, "South Korea’s foreign ministry"),
        ("c_deploy", C, "the deployment of North Korean troops to Russia"),
        ("s_kim", S, "[[Kim]] expressed serious concerns"),
        (
            "c_threats",
            C,
            "it poses significant security threats to South Korea and the broader "
            "international community",
        ),
        ("s_gov", S, "The South Korean government"),
        ("c_violate", C, "such actions violate United Nations resolutions and the U.N. Charter"),
        ("s_embassy", S, "the Russian embassy in Seoul"),
        ("s_zin", S, "[[Zinoviev]] claimed"),
        (
            "c_law",
            C,
            "cooperation between Russia and North Korea was in compliance with international law",
        ),
        ("c_endanger", C, "did not endanger South Korea’s security"),
        ("s_nis", S, "South Korea’s National Intelligence Service"),
        (
            "c_sent",
            C,
            "North Korea had sent around 1,500 special forces troops to Russia’s Far "
            "East for training",
        ),
        ("f_1500", F, "around 1,500 special forces troops"),
        ("c_acclim", C, "they were being acclimatized at Russian military bases"),
        ("s_nis2", S, "The NIS"),
        ("c_combat", C, "these troops would likely be deployed in combat operations in Ukraine"),
        ("s_zel", S, "Ukrainian President Volodymyr Zelenskiy"),
        ("c_10000", C, "preparing to send up to 10,000 soldiers to assist Russia"),
        ("f_10000", F, "up to 10,000 soldiers"),
        ("s_nsc", S, "A spokesperson for the White House National Security Council"),
        ("d_nsc", D, "could not be confirmed"),
        ("c_fighting", C, "North Korean troops fighting alongside Russia"),
        (
            "c_dangerous",
            C,
            "if true, it would represent a “dangerous development” in the ongoing war",
        ),
        ("s_spokes", S, "the [[spokesperson]] noted"),
        ("c_destab", C, "could further destabilize the region and prolong the conflict in Ukraine"),
        ("s_seoul", S, "which [[Seoul]] insists"),
        ("c_illegal", C, "is illegal under international law"),
        ("s_rutte", S, "NATO chief Mark Rutte"),
        (
            "c_rutte",
            C,
            "if North Korea were indeed sending soldiers to fight on behalf of "
            "Russia, it would significantly escalate the ongoing conflict",
        ),
        ("d_denials", D, "repeated denials"),
        ("s_both", S, "both Moscow and Pyongyang"),
        ("c_arms", C, "arms transfers or direct military cooperation"),
    ],
    A2: [
        (
            "c_includes",
            C,
            "includes deploying North Korean troops to aid Russia’s war efforts in Ukraine",
        ),
        ("c_threat", C, "a threat to global security"),
        ("s_officials", S, "South Korean and U.S. officials"),
        ("c_presence", C, "an increasing presence of North Korean troops in Russia"),
        ("s_yoon", S, "South Korean President Yoon Suk Yeol"),
        ("c_provocation", C, "it as a “provocation that threatens global security.”"),
        ("s_officials2", S, "U.S. and South Korean officials"),
        (
            "c_3000",
            C,
            "up to 3,000 North Korean troops had been observed in multiple Russian locations",
        ),
        ("f_3000", F, "up to 3,000 North Korean troops"),
        ("s_ukr", S, "Ukrainian intelligence"),
        (
            "c_kursk",
            C,
            "North Korean forces trained in Russia have already been deployed to the Kursk region",
        ),
        ("s_putin", S, "Russian President Vladimir Putin"),
        ("d_deflect", D, "deflected questions about North Korean troop movements"),
        ("c_buildup", C, "a buildup"),
        ("s_putin2", S, "[[Putin]] stated"),
        ("c_decision", C, "it was Russia’s decision on how to enact the mutual defense clause"),
        ("s_mission", S, "North Korea’s United Nations mission"),
        ("d_dismiss", D, "dismissed allegations"),
        ("c_sending", C, "sending troops to Russia"),
        ("d_rumors", D, "calling them “groundless, stereotyped rumors.”"),
        ("d_unfounded", D, "were unfounded"),
        ("c_deploy", C, "claims of [[troop deployment]] were"),
    ],
    A3: [
        (
            "c_present",
            C,
            "North Korean soldiers are not only present in Russia but may also be "
            "actively involved in supporting Moscow's military operations",
        ),
        ("s_intel", S, "South Korean intelligence and defense officials"),
        ("c_sent", C, "North Korea has sent combat personnel to Russia"),
        ("s_gov", S, "South Korean government officials"),
        (
            "c_destab",
            C,
            "this move could further destabilize an already precarious situation in the region",
        ),
        (
            "c_escalate",
            C,
            "North Korea's involvement in Russia's military affairs could escalate "
            "tensions on the Korean Peninsula",
        ),
        ("s_observers", S, "Observers"),
        (
            "c_emboldened",
            C,
            "Kim Jong Un's regime has been increasingly emboldened by its close ties with Russia",
        ),
        ("s_analysts", S, "Analysts in Seoul"),
        (
            "c_gambit",
            C,
            "this military cooperation could be part of a broader strategic gambit "
            "by Pyongyang to gain leverage in future negotiations with the United "
            "States and its allies",
        ),
        (
            "c_aggressive",
            C,
            "this could signal a more aggressive phase in North Korea's foreign policy",
        ),
        (
            "c_discussed",
            C,
            "the two leaders reportedly discussed various forms of military and "
            "technical cooperation",
        ),
        ("c_supplying", C, "North Korea might be supplying Russia with weapons and ammunition"),
        ("s_both", S, "both governments"),
        ("d_denied", D, "have denied"),
        ("c_arms", C, "any official arms transfers"),
        ("s_washington", S, "In Washington, [[senior officials]]"),
        (
            "c_complicate",
            C,
            "the presence of North Korean soldiers in Russia could further "
            "complicate efforts to maintain peace and stability in the region",
        ),
        ("s_moscow", S, "In Moscow, [[officials]]"),
        ("c_routine", C, "it as part of a routine exchange between two friendly nations"),
        ("s_rdo", S, "Russian defense officials"),
        ("d_consistently", D, "have consistently denied"),
        ("c_combat", C, "North Korean troops are involved in any combat operations"),
    ],
    A4: [
        ("s_sk", S, "[[South Korea]] accuses North Korea"),
        ("c_assist", C, "assisting Russia in its military efforts within Ukraine"),
        ("c_1500a", C, "Approximately 1,500 North Korean soldiers reportedly arrived in Russia"),
        ("f_1500a", F, "Approximately 1,500 North Korean soldiers"),
        ("s_nk1", S, "[[North Korea]] denies any involvement"),
        ("d_any", D, "denies any involvement"),
        ("d_baseless", D, "claiming the allegations are baseless"),
        ("s_intel", S, "South Korean intelligence"),
        (
            "c_1500",
            C,
            "about 1,500 North Korean soldiers, including special forces, have been dispatched",
        ),
        ("f_1500", F, "about 1,500 North Korean soldiers"),
        ("s_nk2", S, "[[North Korea]] has firmly denied"),
        ("d_firm", D, "firmly denied allegations"),
        ("c_sending", C, "[[sending troops]], dismissing"),
        ("d_dismiss", D, "dismissing them as “groundless rumors.”"),
        ("s_russia", S, "[[Russia]], while affirming"),
        (
            "c_law",
            C,
            "its military cooperation with North Korea falls “within the framework of "
            "international law,”",
        ),
        ("d_notconf", D, "has not confirmed these troop movements"),
        ("s_analysts", S, "Analysts"),
        ("c_strain", C, "this claim could strain Russia’s diplomatic ties with South Korea"),
        ("c_gear", C, "The presence of North Korean soldiers in Russian military gear"),
        ("d_verified", D, "has not been independently verified"),
        ("c_grave", C, "“a grave security threat”"),
        ("s_kim", S, "Vice South Korean Foreign Minister Kim Hong Kyun"),
        ("d_noconf", D, "no confirmation has been provided"),
        ("s_experts", S, "Experts"),
        (
            "c_complic",
            C,
            "the potential involvement of North Korean troops could lead to "
            "complications within the Ukraine conflict",
        ),
    ],
}

# (type, head key, tail key) within an article.
RELATIONS: dict[str, list[tuple[str, str, str]]] = {
    A0: [
        ("attributed_to", c, s)
        for c, s in (
            ("c_training", "s_sk1"),
            ("c_1500", "s_nis"),
            ("c_law", "s_zin"),
            ("c_peskov", "s_peskov"),
            ("c_peskov", "s_tass"),
            ("c_weapons", "s_sk2"),
            ("c_12000", "s_media"),
            ("c_threat", "s_kim"),
            ("c_rutte", "s_rutte"),
            ("c_lammy", "s_lammy"),
            ("c_complicate", "s_defense"),
            ("c_integrate", "s_experts"),
            ("c_border", "s_some"),
        )
    ]
    + [("denies", "d_conf", "c_fight")],
    A1: [
        ("attributed_to", c, s)
        for c, s in (
            ("c_deploy", "s_fm"),
            ("c_threats", "s_kim"),
            ("c_violate", "s_gov"),
            ("c_law", "s_zin"),
            ("c_law", "s_embassy"),
            ("c_endanger", "s_zin"),
            ("c_sent", "s_nis"),
            ("c_acclim", "s_nis"),
            ("c_combat", "s_nis2"),
            ("c_10000", "s_zel"),
            ("c_dangerous", "s_nsc"),
            ("c_destab", "s_spokes"),
            ("c_illegal", "s_seoul"),
            ("c_rutte", "s_rutte"),
        )
    ]
    + [("denies", "d_nsc", "c_fighting"), ("denies", "d_denials", "c_arms")],
    A2: [
        ("attributed_to", c, s)
        for c, s in (
            ("c_presence", "s_officials"),
            ("c_provocation", "s_yoon"),
            ("c_3000", "s_officials2"),
            ("c_kursk", "s_ukr"),
            ("c_decision", "s_putin2"),
        )
    ]
    + [
        ("denies", d, c)
        for d, c in (
            ("d_deflect", "c_buildup"),
            ("d_dismiss", "c_sending"),
            ("d_rumors", "c_sending"),
            ("d_unfounded", "c_deploy"),
        )
    ],
    A3: [
        ("attributed_to", c, s)
        for c, s in (
            ("c_sent", "s_intel"),
            ("c_destab", "s_gov"),
            ("c_escalate", "s_gov"),
            ("c_emboldened", "s_observers"),
            ("c_gambit", "s_analysts"),
            ("c_aggressive", "s_analysts"),
            ("c_complicate", "s_washington"),
            ("c_routine", "s_moscow"),
        )
    ]
    + [("denies", "d_denied", "c_arms"), ("denies", "d_consistently", "c_combat")],
    A4: [
        ("attributed_to", c, s)
        for c, s in (
            ("c_assist", "s_sk"),
            ("c_1500", "s_intel"),
            ("c_law", "s_russia"),
            ("c_strain", "s_analysts"),
            ("c_grave", "s_kim"),
            ("c_complic", "s_experts"),
        )
    ]
    + [
        ("denies", d, c)
        for d, c in (
            ("d_any", "c_assist"),
            ("d_baseless", "c_assist"),
            ("d_firm", "c_sending"),
            ("d_dismiss", "c_sending"),
            ("d_notconf", "c_1500"),
            ("d_verified", "c_gear"),
            ("d_noconf", "c_1500"),
        )
    ],
}

# The same figure or claim in two articles: later mention -> earliest mention.
SAME_AS: list[tuple[tuple[str, str], tuple[str, str]]] = [
    ((A1, "f_1500"), (A0, "f_1500")),
    ((A4, "f_1500"), (A0, "f_1500")),
    ((A4, "f_1500a"), (A0, "f_1500")),
    ((A1, "c_sent"), (A0, "c_1500")),
    ((A4, "c_1500"), (A0, "c_1500")),
    ((A4, "c_1500a"), (A0, "c_1500")),
    ((A1, "c_law"), (A0, "c_law")),
    ((A4, "c_law"), (A0, "c_law")),
    ((A3, "c_supplying"), (A0, "c_weapons")),
    ((A4, "c_complic"), (A0, "c_complicate")),
    ((A1, "c_rutte"), (A0, "c_rutte")),
    ((A1, "c_fighting"), (A0, "c_fight")),
    ((A4, "c_grave"), (A0, "c_threat")),
    ((A1, "c_threats"), (A0, "c_threat")),
    ((A3, "c_arms"), (A1, "c_arms")),
    ((A4, "c_sending"), (A2, "c_sending")),
]


def locate(text: str, quote: str) -> tuple[int, int]:
    """The span's (start, end): the quote, or its [[marked]] part, found exactly once."""
    plain = quote.replace("[[", "").replace("]]", "")
    assert text.count(plain) == 1, f"{quote!r} occurs {text.count(plain)} times"
    at = text.index(plain)
    if "[[" not in quote:
        return at, at + len(plain)
    start = at + quote.index("[[")
    return start, start + len(quote.split("[[", 1)[1].split("]]", 1)[0])


def span_id(article: str, key: str) -> str:
    return f"second-{article[:3]}-{key}"


def build(out: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sample.wbproj"
        build_sample(path)
        with Project.open(path) as project:
            doc_ids = {info.source: info.id for info in project.documents()}
            label_ids = {lb.name: lb.id for lb in project.labels()}
            type_ids = {t.name: t.id for t in project.relation_types()}
            for article, anns in ANNOTATIONS.items():
                text = project.document(doc_ids[article]).text
                for key, label, quote in anns:
                    start, end = locate(text, quote)
                    project.add_span(
                        doc_ids[article],
                        start,
                        end,
                        label_ids[label],
                        annotator=ANNOTATOR,
                        id=span_id(article, key),
                    )
            links = [
                (article, t, (article, h), (article, tl))
                for article, rels in RELATIONS.items()
                for t, h, tl in rels
            ]
            links += [(h[0], "same_as", h, tl) for h, tl in SAME_AS]
            for _, rel_type, (ha, hk), (ta, tk) in links:
                project.add_relation(
                    span_id(ha, hk),
                    span_id(ta, tk),
                    type_ids[rel_type],
                    annotator=ANNOTATOR,
                    id=f"{span_id(ha, hk)}-{rel_type}-{span_id(ta, tk)}",
                )
            export_project(project, out, format="jsonl")


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else FIXTURE
    build(target)
    total = sum(map(len, ANNOTATIONS.values()))
    print(f"Wrote {target}: {total} spans")
