"""Five short wire-style articles about one invented event (an ammonia leak into the Vesna
river at Kessling), marked up by hand for `build_blind2.py`.

Written on 2026-12-01, before the second pass changed any attribution rule and without
reading the rules or the older held-out texts. Markup: `[[key|text]]`, the key's first letter
is the label (c claim, s source, d denial, f figure); spans may nest. RELATIONS lists
(head, tail) pairs: claim -> source is `attributed_to`, denial -> claim is `denies`.
"""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "v1_wire": (
        "Fish Kill on Vesna River Blamed on Leak at Fertiliser Plant\n"
        "KESSLING, March 14 - [[s1|Local authorities]] said on Tuesday that [[c1|an ammonia leak at "
        "the Norvik Chemicals fertiliser plant had killed [[f1|about 40 tonnes of fish]] in the "
        "Vesna River]].\n"
        "[[s2|Kessling Mayor Helena Brandt]] told reporters that [[c2|the town had closed "
        "[[f2|three drinking water wells]] as a precaution]]. [[c3|\u201cThe water in our pipes is "
        "still safe to drink,\u201d]] [[s3|Brandt]] said. She added that [[c4|[[f3|2,300 "
        "households]] had received bottled water]].\n"
        "[[s4|The Environment Ministry]] said [[c5|samples from [[f4|five monitoring stations]] "
        "showed ammonia levels far above the legal limit]].\n"
        "[[s5|Norvik Chemicals]] [[d1|denied]] that [[c6|its plant was the source of the "
        "ammonia]]. [[s6|Company spokeswoman Leah Okafor]] said [[c7|the plant's storage tanks had "
        "passed an inspection in January]].\n"
        "The plant, which employs [[f5|1,200 people]], halted production on Monday evening. "
        "[[s7|Police]] said [[c8|they had opened a criminal investigation]].\n"
        "[[s8|Environmental analysts]] said [[c9|the fish kill was the worst on the Vesna since "
        "2009]].\n"
    ),
    "v2_press": (
        "Chemical Firm Rejects Blame as Vesna Clean-up Begins\n"
        "KESSLING, March 15 - Clean-up crews began removing dead fish from the Vesna River on "
        "Wednesday as [[s1|Norvik Chemicals]] [[d1|rejected accusations]] that [[c1|its plant had "
        "leaked ammonia]].\n"
        "[[s2|Chief executive Martin Hale]] said in a statement that [[c2|the company's own tests "
        "had found no ammonia in its wastewater]]. The company's account [[d2|could not be "
        "independently verified]].\n"
        "[[s3|Environment Minister Tomas Reyes]] told parliament that [[c3|ammonia concentrations "
        "near the plant's outflow pipe were the highest ever recorded in the region]]. "
        "[[c4|\u201cThere is no other plausible source,\u201d]] [[s4|Reyes]] said.\n"
        "According to [[s5|the Lower Vesna Water Board]], [[c5|[[f1|more than 60 kilometres of "
        "riverbank]] have been affected]].\n"
        "[[s6|Kessling's mayor, Helena Brandt]], said [[c6|[[f2|about 400 residents]] had called a "
        "hotline to report a strong smell]]. [[s7|Jonas Weber, head of the regional fishermen's "
        "union]], said [[c7|his members had lost [[f3|about 150,000 euros]] in a single week]].\n"
        "[[s8|Officials in the neighbouring town of Dorn]] said [[c8|no dead fish had been found "
        "below the Dorn weir]].\n"
    ),
    "v3_business": (
        "Norvik Chemicals Shares Fall After River Leak\n"
        "Shares in Norvik Chemicals fell [[f1|9 percent]] on Thursday, their steepest drop since "
        "2018, as investors weighed the cost of last week's ammonia leak.\n"
        "[[s1|Analysts at Baltica Securities]] said [[c1|the company could face fines of "
        "[[f2|up to 5 million euros]]]]. [[s2|Norvik]] [[d1|has dismissed reports]] that [[c2|its "
        "plant caused the fish kill]].\n"
        "[[s3|Chief Executive Martin Hale]] told investors on a conference call that [[c3|the "
        "shutdown was costing the company [[f3|roughly 800,000 euros]] a day]]. "
        '[[c4|"Our tanks were inspected in January and nothing was wrong with them,"]] '
        "[[s4|Hale]] said.\n"
        "[[s5|A spokesman for the Environment Ministry]] [[d2|declined to confirm a newspaper "
        "report]] that [[c5|prosecutors had searched the plant]].\n"
        "[[s6|Industry analysts]] noted that [[c6|Norvik sells fertiliser to [[f4|more than 3,000 "
        "growers]]]], most of them in the south of the country.\n"
        "Founded in 1962, the company employs [[f5|about 1,900 people]], most of them at Kessling. "
        "[[s7|Credit analysts at Morrow Ratings]] warned that [[c7|a long shutdown could push Norvik "
        "into a loss for the year]].\n"
    ),
    "v4_courier": (
        "Residents Demand Answers at Packed Town Hall Meeting\n"
        "[[f1|More than 500 residents]] crowded into Kessling town hall on Thursday evening to "
        "question officials about the ammonia leak.\n"
        "[[s1|Mayor Brandt]] told the meeting that [[c1|tests on tap water had found no trace of "
        "ammonia]]. [[c2|\u201cYour water is safe,\u201d]] she said. Brandt said the town would "
        "seek compensation from the company.\n"
        "[[s3|Dr. Ines Varga, a toxicologist at Kessling University]], said [[c3|the dead fish "
        "posed little risk to people]] but warned that [[c4|ammonia could harm the river's insects "
        "and birds for months]].\n"
        "[[s4|Several residents]] said [[c5|they had smelled ammonia near the plant as early as "
        "March 10]]. A Norvik representative at the meeting declined to answer questions from the "
        "floor.\n"
        "[[s6|The Environment Ministry]] said in a statement on Friday that [[c6|prosecutors had "
        "taken [[f2|14 soil samples]] from the plant grounds]].\n"
        "[[s7|Jonas Weber, who leads the regional fishermen's union]], told the meeting that "
        "[[c7|his members had not fished since the leak]]. [[s8|Police]] said on Friday that "
        "[[c8|no arrests had been made]].\n"
    ),
    "v5_wire": (
        "Inspectors Trace Vesna Ammonia to Cracked Pipe, Ministry Says\n"
        "KESSLING, March 21 - [[c1|Government inspectors have traced the ammonia that killed fish "
        "in the Vesna River to a cracked pipe at the Norvik Chemicals plant]], [[s1|the "
        "Environment Ministry]] said on Monday.\n"
        "[[s2|Minister Tomas Reyes]] said [[c2|the pipe had leaked [[f1|an estimated 18,000 litres "
        "of ammonia solution]] into a drainage channel]]. [[s3|Reyes]] added that [[c3|the company "
        "had not reported the leak to the authorities]].\n"
        "[[s4|Norvik]] [[d1|disputed the ministry's findings]], saying [[c5|the crack had been "
        "caused by a contractor's excavator]].\n"
        "According to [[s5|the Lower Vesna Water Board]], [[c6|oxygen levels in the river have "
        "returned to normal]]. [[s6|Jonas Weber]], 61, who heads the fishermen's union, said "
        "[[c7|catches were still down by [[f2|about 70 percent]]]].\n"
        "[[s7|Officials in Kessling]] said [[c8|all wells in the town had reopened]]. It was the "
        "second serious pollution incident on the Vesna since 2015.\n"
        "[[s8|Prosecutors]] said [[c9|[[f3|two Norvik managers]] were being questioned]]. [[c10|The "
        "pipe had been installed in 1998]], according to an inspection report seen by reporters.\n"
    ),
}

RELATIONS: dict[str, list[tuple[str, str]]] = {
    "v1_wire": [
        ("c1", "s1"),
        ("c2", "s2"),
        ("c3", "s3"),
        ("c4", "s3"),
        ("c5", "s4"),
        ("d1", "c6"),
        ("c7", "s6"),
        ("c8", "s7"),
        ("c9", "s8"),
    ],
    "v2_press": [
        ("d1", "c1"),
        ("c2", "s2"),
        ("d2", "c2"),
        ("c3", "s3"),
        ("c4", "s4"),
        ("c5", "s5"),
        ("c6", "s6"),
        ("c7", "s7"),
        ("c8", "s8"),
    ],
    "v3_business": [
        ("c1", "s1"),
        ("d1", "c2"),
        ("c3", "s3"),
        ("c4", "s4"),
        ("d2", "c5"),
        ("c6", "s6"),
        ("c7", "s7"),
    ],
    "v4_courier": [
        ("c1", "s1"),
        ("c2", "s1"),
        ("c3", "s3"),
        ("c4", "s3"),
        ("c5", "s4"),
        ("c6", "s6"),
        ("c7", "s7"),
        ("c8", "s8"),
    ],
    "v5_wire": [
        ("c1", "s1"),
        ("c2", "s2"),
        ("c3", "s3"),
        ("d1", "c1"),
        ("c5", "s4"),
        ("c6", "s5"),
        ("c7", "s6"),
        ("c8", "s7"),
        ("c9", "s8"),
    ],
}
