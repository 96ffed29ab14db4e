"""The word lists the attribution rules read (workbench/attribution.py).

Written from the label definitions (resources/labels.json) and the usual shapes of
attribution in news English, not from any annotated article. Forms are listed in full
(no stemming): a list is easier to read and to correct than a suffix rule.
"""

from __future__ import annotations


def _forms(*groups: str) -> frozenset[str]:
    return frozenset(w for g in groups for w in g.split())


# Verbs whose complement is the reported content (a that-clause or a bare clause).
SPEECH = _forms(
    "say says said saying states stated stating tell tells told telling",
    "warn warns warned warning add adds added adding claim claims claimed claiming",
    "report reports reported reporting allege alleges alleged alleging",
    "assert asserts asserted asserting insist insists insisted insisting",
    "note notes noted noting stress stresses stressed stressing",
    "emphasise emphasises emphasised emphasising emphasize emphasizes emphasized emphasizing",
    "argue argues argued arguing suggest suggests suggested suggesting",
    "indicate indicates indicated indicating confirm confirms confirmed confirming",
    "acknowledge acknowledges acknowledged acknowledging announce announces announced announcing",
    "believe believes believed believing estimate estimates estimated estimating",
    "expect expects expected expecting fear fears feared fearing predict predicts predicted",
    "explain explains explained explaining write writes wrote posted",
    "maintain maintains maintained maintaining contend contends contended",
    "affirm affirms affirmed affirming",
    "conclude concludes concluded concluding reveal reveals revealed revealing",
    "show shows showed showing speculate speculates speculated speculating",
    "propose proposes proposed proposing think thinks thought",
)
# Verbs whose bare object may be the content itself ("expect the first cut in March").
NOMINAL_CONTENT = _forms(
    "report reports expect expects expected estimate estimates estimated",
    "predict predicts predicted fear fears feared",
)
# Forms that are also plural nouns ("the reports", "these claims"): verbs only after a subject.
NOUN_LIKE = _forms(
    "reports claims states notes estimates fears views sees shows posted "
    "alleged confirmed reported expected believed"
)
# "X accused Y of Z": Z is the claim.
ACCUSE = _forms("accuse accuses accused accusing")
# "X characterized NP as Z": "NP as Z" is the claim.
AS_VERBS = _forms(
    "characterize characterizes characterized characterizing characterise characterised",
    "describe describes described describing label labels labeled labelled labeling",
    "denounce denounces denounced denouncing condemn condemns condemned condemning",
    "frame frames framed framing call calls called calling brand branded dub dubbed",
    "view views viewed see sees regard regards regarded",
)
# Stance verbs that make their subject a speaker without a claim of their own.
STANCE = _forms(
    "urge urges urged urging demand demands demanded demanding",
    "express expresses expressed expressing voice voices voiced voicing",
    "condemn condemns condemned condemning echo echoes echoed echoing",
    "criticise criticised criticize criticized criticizes criticizing",
    "welcome welcomed welcomes pledge pledged pledges pledging vow vowed vows",
    "point points pointed pointing highlight highlights highlighted highlighting",
    "reiterate reiterates reiterated reiterating relay relays relayed relaying",
)
DENY = _forms(
    "deny denies denied denying dismiss dismisses dismissed dismissing",
    "reject rejects rejected rejecting refute refutes refuted refuting",
    "rebuff rebuffs rebuffed rebuffing dispute disputes disputed disputing",
    "deflect deflects deflected deflecting",
)
# "refused to confirm", "declined to comment", "refrained from confirming".
REFUSE = _forms(
    "refuse refuses refused refusing decline declines declined declining "
    "refrain refrains refrained refraining"
)
REFUSED_ACTS = _forms("confirm confirming comment commenting verify verifying")
# Objects that stay in a denial span: what is rejected is named by them, not stated.
DENIED_THINGS = _forms(
    "allegation allegations claim claims report reports accusation accusations charge charges",
    "suggestion suggestions rumor rumors rumour rumours speculation questions idea",
    "assertion assertions notion",
)
# Participles that continue a denial ("…, calling them “groundless rumors.”").
DENIAL_TAILS = _forms("calling dismissing describing labelling labeling branding terming")

# Heads of noun phrases that can speak (agents, and documents that say something).
SPEAKER_NOUNS = _forms(
    "official officials spokesperson spokesman spokeswoman spokespeople minister ministers",
    "ministry ministries government governments agency agencies authority authorities",
    "analyst analysts expert experts observer observers diplomat diplomats source sources",
    "researcher researchers scientist scientists economist economists monitors monitor",
    "commander commanders leader leaders chief chiefs president secretary envoy ambassador",
    "embassy mission council committee office department military army police",
    "union unions group groups company companies firm operator regulator bank",
    "service intelligence media outlet newspaper agency statement statements report post",
    "imagery images image data survey study document documents filing letter evidence",
    "investigators prosecutors prosecutor court judge lawyer lawyers residents witnesses",
    "officers officer workers director governor mayor lawmakers lawmaker parliament",
    "kremlin administration ministry’s team campaign party opposition critics",
)
# Lower-case words allowed inside a speaker's noun phrase before its head.
MODIFIERS = _forms(
    "foreign defense defence state news intelligence health security interior finance",
    "regional national civil protection independent senior local top military government",
    "chief deputy vice first former rebel aid consumer transport safety press",
    "economic trade justice environment energy public private official company federal",
    "spokesperson spokesman spokeswoman leader minister union fire police satellite",
    "some many several most other two three four both all",
)
DETERMINERS = _forms(
    "the a an some many several most both all these those two three four",
    "his her its their our my your",
)
PRONOUNS = _forms("he she it they we i you this that these those who which others some many")
# Words that end a noun phrase going left: the subject starts after them.
LEFT_BOUNDARY = _forms(
    "and but while whereas although though because since as if when after before",
    "that which who whom whose where despite however also meanwhile yet so then",
    "on in at by with from during following amid amidst for of to into over",
)
# Prepositions that may sit inside a speaker's noun phrase ("Analysts in Seoul").
INNER_PREPOSITIONS = _forms("of for at in")
# Auxiliaries and adverbs between a subject and its verb.
BETWEEN = _forms(
    "has have had was were is are will would also firmly strongly recently consistently",
    "repeatedly publicly later previously earlier again further already long flatly",
    "categorically quickly swiftly once initially privately openly reportedly then not",
    "did does do vehemently promptly",
)
# Time and place adjuncts right after a speech verb, before its content ("*" is any word).
ADJUNCTS: tuple[tuple[str, ...], ...] = tuple(
    tuple(a.split())
    for a in (
        "on monday",
        "on tuesday",
        "on wednesday",
        "on thursday",
        "on friday",
        "on saturday",
        "on sunday",
        "last week",
        "last month",
        "last year",
        "this week",
        "earlier this week",
        "in a statement",
        "in an interview",
        "in a post",
        "to reporters",
        "reporters",
        "at a news conference",
        "at a press conference",
        "at a briefing",
        "a news conference",
        "earlier",
        "later",
        "recently",
        "yesterday",
        "today",
        "publicly",
        "again",
        "also",
        "on social media",
        "on *",
        "in *",
    )
)
# Words that cannot start a reported clause (a verb followed by them takes no claim).
NOT_CLAUSE_START = _forms(
    "of to for about with by from on in at into over as and or but",
    "concern concerns hope support disapproval alarm regret opposition",
)
# Finite verbs and auxiliaries: a bare clause after "said" has one of these.
FINITE = _forms(
    "is are was were be been being has have had will would could can may might should",
    "must shall did does do remains remain remained stays stayed",
)
# Subordinate clause starts that end a reported clause (", which …" is kept).
CLAUSE_STOPS = _forms("and but while whereas although though")
TITLE_ABBREVIATIONS = _forms("Mr Mrs Ms Dr Gen Col Lt Sgt Capt Gov Sen Rep Prof Adm Maj St")
# Nouns whose "of"/"that" complement is reported content ("reports that X", "the news of X").
REPORT_NOUNS = _forms(
    "report reports allegation allegations claim claims accusation accusations news",
    "speculation concern concerns fear fears suspicion suspicions rumor rumors rumour rumours",
    "warning warnings indications signs assessment assessments",
)
# Capitalised words that never speak (dates).
NOT_SPEAKERS = _forms(
    "monday tuesday wednesday thursday friday saturday sunday january february march april",
    "may june july august september october november december",
)
# Words of a title before a name ("Vice Foreign Minister"), lower case.
TITLE_WORDS = _forms(
    "president vice prime foreign defense defence minister secretary-general secretary",
    "general ambassador chief spokesperson spokesman spokeswoman envoy governor colonel col.",
    "gen. commander leader director dr. mr. mrs. ms. first deputy senator state of the",
    "kremlin nato un u.n. u.s. us white house fire union",
)
# What a speaker's possessive may introduce as its voice ("Rutte’s statement").
SPEAKING_DOCUMENTS = _forms("statement spokesperson spokesman spokeswoman office post remarks")
