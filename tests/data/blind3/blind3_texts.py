"""Five short wire-style articles about one invented event (a ransomware attack on Corvana
Rail, a national rail operator, November 23-27), marked up by hand for `build_blind3.py`.

Written on 2026-12-01 by an annotator who had not read the attribution rules, the learned
suggestions or the rule resources, and before running any suggester on them. Annotation
follows the label definitions in tests/data/gold/README.md with issue 14's wider source
definition (its "Revision for issue 14" section). Markup: `[[key|text]]`, the key's first
letter is the label (c claim, s source, d denial, f figure); spans may nest. RELATIONS lists
(head, tail) pairs: claim -> source is `attributed_to`, denial -> claim is `denies`.
SAME_AS lists ((article, key), (article, key)): a later mention of a figure or claim -> its
mention in the earliest article.
"""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "r1_wire": (
        "Cyber Attack Halts Hundreds of Corvana Rail Trains\n"
        "ARVEL, Nov 23 - Corvana Rail cancelled [[f1|about 340 trains]] on Monday after what "
        "[[s1|the national rail operator]] described as [[c1|a ransomware attack on its "
        "scheduling and ticketing systems]].\n"
        "[[s2|Transport Minister Adaeze Okafor]] said [[c2|[[f2|more than 1.2 million "
        "passengers]] had been affected]] and that [[c3|signalling and safety systems had not "
        "been compromised]]. [[c4|\u201cNo train has run without working signals,\u201d]] "
        "[[s3|Okafor]] told reporters in Arvel.\n"
        "[[s4|A group calling itself BlackTrellis]] said in a post on a dark-web site that "
        "[[c5|it had encrypted [[f3|about 4,000 company computers]]]]. According to [[s5|the "
        "post]], the group wants [[f4|15 million euros]] in bitcoin to unlock them.\n"
        "[[s6|Corvana Rail]] [[d1|denied]] that [[c6|passenger data had been stolen]]. "
        "[[c7|\u201cOur backups are intact and we are restoring the systems one by one,\u201d]] "
        "said [[s7|chief executive Pieter Haas]].\n"
        "[[s8|The National Cyber Security Centre]] said [[c8|its experts were working with the "
        "company]]. [[s9|Its director, Marie-Claire Dubois]], said [[c9|the attackers had "
        "entered the network through a supplier's remote-access account]].\n"
        "Okafor met Haas at the company's headquarters on Monday evening. The government would "
        "not pay a ransom, she said. [[s10|Rail unions]] called for an independent inquiry.\n"
    ),
    "r2_press": (
        "Corvana Rail Rejects Data Theft Claim as Hackers Publish Files\n"
        "ARVEL, Nov 24 (CPA) - Hackers published files on Tuesday that [[s1|the BlackTrellis "
        "group]] described as [[c1|the payroll records of [[f1|8,000 employees]]]], a day after "
        "the attack forced Corvana Rail to cancel [[f2|about 340 trains]].\n"
        "[[s2|Corvana Rail]] [[d1|dismissed the claim]], saying [[c2|the files were \u201cold "
        "test data\u201d]] and that [[c3|no live employee records had been taken]].\n"
        "[[s3|The National Cyber Security Centre]] confirmed that [[c4|the attackers had "
        "entered the network through a supplier's remote-access account]]. [[s4|Director Marie "
        "Claire Dubois]] said [[c5|the centre had linked the attack to a group that has "
        "targeted hospitals in Europe]].\n"
        "According to [[s5|two officials familiar with the investigation]], [[c6|the group "
        "operates from Estavia]]. [[s6|The Estavian foreign ministry]] [[d2|called the "
        "accusation \u201cbaseless.\u201d]]\n"
        "[[s7|The Transport Ministry]] said [[c7|[[f3|about 60 percent of services]] were "
        "running on Tuesday]]. [[s8|Tomasz Wren, who leads the rail workers' union]], said "
        "[[c8|staff had warned managers about outdated software in [[f4|at least four internal "
        "reports]] since 2024]]. Corvana Rail did not respond to Wren's remarks.\n"
    ),
    "r3_business": (
        "Software Supplier's Shares Fall After Rail Cyber Attack\n"
        "Shares in Halden Signal Systems, which supplies software to Corvana Rail, fell "
        "[[f1|12 percent]] on Wednesday after [[s1|investigators]] said [[c1|the rail "
        "operator's attackers had used a supplier's account]].\n"
        "[[s2|Halden]] [[d1|denied]] that [[c2|its remote-access software had been the way "
        "in]], saying [[c3|the supplier account in question had been closed in 2023]].\n"
        "[[c4|The attack disrupted journeys for [[f2|more than 1.2 million passengers]] on "
        "Monday]], according to [[s3|the Transport Ministry]]. [[s4|Analysts at Veltmann "
        "Bank]] estimated that [[c5|the attack was costing Corvana Rail [[f3|roughly 3 million "
        "euros]] a day in lost fares]].\n"
        "[[s5|Corvana Rail's chief financial officer, Lena Brandauer]], told bondholders that "
        "[[c6|the company was insured against cyber attacks]] but declined to give the size of "
        "the policy.\n"
        "[[s6|Finance Minister Jonas Ekholm]] said [[c7|the state-owned operator had not asked "
        "for emergency funds]]. [[s7|Credit agency Morrow Ratings]] warned it could cut Corvana "
        "Rail's rating if the disruption lasted into December.\n"
    ),
    "r4_gazette": (
        "Marren Commuters Stranded as Rail Line Stays Shut\n"
        "MARREN - [[c1|Trains on the Marren line will not run before Friday]], [[s1|station "
        "manager Rosa Keller]] told the Marren Gazette on Wednesday. [[s8|Keller]] said "
        "[[c8|ticket machines at the station had been switched off since Monday because they "
        "could not reach the network]].\n"
        "[[s2|Mayor Idris Balogun]] said [[c2|[[f1|about 9,000 people]] travel from Marren to "
        "Arvel each working day]] and called on Corvana Rail to add replacement buses. [[s3|A "
        "Corvana Rail spokesman]] said [[c3|[[f2|14 replacement buses]] were running between "
        "the two towns]].\n"
        "Transport Minister Adaeze Okafor visited the station on Thursday morning. Speaking to "
        "commuters on the platform, [[s4|the minister]] said [[c4|the attackers had not reached "
        "the signalling network]]. Residents who met Okafor asked for refunds.\n"
        "[[s5|Several passengers]] said [[c5|no staff had been on the platform on Monday "
        "morning]]. [[s6|Balogun's office]] said [[c6|it had received [[f3|more than 200 "
        "complaints]]]].\n"
        "[[s7|Corvana Rail]] [[d1|denied reports]] that [[c7|the line would stay closed until "
        "Christmas]].\n"
    ),
    "r5_wire": (
        "Leaked Memo Says Corvana Rail Ignored Backup Warnings\n"
        "ARVEL, Nov 27 - [[c1|Corvana Rail's IT security team warned managers in June that "
        "backups could not restore the ticketing system quickly]], according to [[s1|an "
        "internal memo seen by reporters]].\n"
        "[[s2|The memo]] said [[c2|[[f1|at least 600 servers]] ran software no longer supported "
        "by its maker]]. [[s3|Chief executive Pieter Haas]] [[d1|rejected the memo's "
        "conclusions]]. [[c3|\u201cOur backups worked, and they are the reason trains are "
        "running today,\u201d]] [[s4|Haas]] said.\n"
        "[[s5|Transport Minister Okafor]] told parliament that [[c4|[[f2|about 85 percent of "
        "services]] had been restored]]. She said [[c5|the government had not paid a "
        "ransom]]. [[s6|Okafor's office]] later said [[c6|the Marren line had reopened]].\n"
        "[[s7|Marie-Claire Dubois, director of the National Cyber Security Centre]], said "
        "[[c7|BlackTrellis had removed its ransom demand from its leak site]].\n"
        "[[s8|Estavia]] again [[d2|denied]] [[c8|any role in the attack]]. [[s9|Its foreign "
        "minister, Viktor Sanne]], said [[c9|the accusations were part of a smear campaign]]. "
        "[[s10|The rail workers' union]] called for Haas to resign.\n"
    ),
}

RELATIONS: dict[str, list[tuple[str, str]]] = {
    "r1_wire": [
        ("c1", "s1"),
        ("c2", "s2"),
        ("c3", "s2"),
        ("c4", "s3"),
        ("c5", "s4"),
        ("d1", "c6"),
        ("c7", "s7"),
        ("c8", "s8"),
        ("c9", "s9"),
    ],
    "r2_press": [
        ("c1", "s1"),
        ("d1", "c1"),
        ("c2", "s2"),
        ("c3", "s2"),
        ("c4", "s3"),
        ("c5", "s4"),
        ("c6", "s5"),
        ("d2", "c6"),
        ("c7", "s7"),
        ("c8", "s8"),
    ],
    "r3_business": [
        ("c1", "s1"),
        ("d1", "c2"),
        ("c3", "s2"),
        ("c4", "s3"),
        ("c5", "s4"),
        ("c6", "s5"),
        ("c7", "s6"),
    ],
    "r4_gazette": [
        ("c1", "s1"),
        ("c2", "s2"),
        ("c3", "s3"),
        ("c4", "s4"),
        ("c5", "s5"),
        ("c6", "s6"),
        ("d1", "c7"),
        ("c8", "s8"),
    ],
    "r5_wire": [
        ("c1", "s1"),
        ("c2", "s2"),
        ("d1", "c1"),
        ("d1", "c2"),
        ("c3", "s4"),
        ("c4", "s5"),
        ("c5", "s5"),
        ("c6", "s6"),
        ("c7", "s7"),
        ("d2", "c8"),
        ("c9", "s9"),
    ],
}

SAME_AS: list[tuple[tuple[str, str], tuple[str, str]]] = [
    (("r2_press", "f2"), ("r1_wire", "f1")),
    (("r3_business", "f2"), ("r1_wire", "f2")),
    (("r3_business", "c4"), ("r1_wire", "c2")),
    (("r2_press", "c4"), ("r1_wire", "c9")),
    (("r3_business", "c1"), ("r1_wire", "c9")),
    (("r4_gazette", "c4"), ("r1_wire", "c3")),
]
