"""Tag the sample project the way an analyst would for the comparison: troop figures,
their sources, and a denial, with links between them (shared by core and UI tests)."""

from __future__ import annotations

from workbench.project import Project

# name: (document index, exact text, label)
SAMPLE_SPANS = {
    "fig0a": (0, "approximately 1,500 North Korean soldiers", "figure"),
    "src0a": (0, "Seoul’s intelligence agency", "source"),
    "fig0b": (0, "as many as 12,000 North Korean soldiers", "figure"),
    "src0b": (0, "South Korean media", "source"),
    "fig1a": (1, "around 1,500 special forces troops", "figure"),
    "src1a": (1, "South Korea’s National Intelligence Service (NIS)", "source"),
    "fig1b": (1, "up to 10,000 soldiers", "figure"),
    "src1b": (1, "Ukrainian President Volodymyr Zelenskiy", "source"),
    "claim2": (
        2,
        "up to 3,000 North Korean troops had been observed in multiple Russian locations",
        "claim",
    ),
    "fig2": (2, "up to 3,000 North Korean troops", "figure"),
    "src2": (2, "U.S. and South Korean officials", "source"),
    "den2": (2, "dismissed allegations of sending troops to Russia", "denial"),
    "fig4": (4, "about 1,500 North Korean soldiers", "figure"),
}
# (head, tail, relation type)
SAMPLE_LINKS = [
    ("fig0a", "src0a", "attributed_to"),
    ("fig0b", "src0b", "attributed_to"),
    ("fig1a", "src1a", "attributed_to"),
    ("fig1b", "src1b", "attributed_to"),
    ("claim2", "src2", "attributed_to"),
    ("den2", "claim2", "denies"),
    ("fig0a", "fig1a", "same_as"),
]


def locate(project: Project, doc_index: int, text: str) -> tuple[str, int, int]:
    doc_id = project.document_ids()[doc_index]
    start = project.document(doc_id).text.index(text)
    return doc_id, start, start + len(text)


def annotate_sample(project: Project, *, links: bool = True) -> dict[str, str]:
    """Add SAMPLE_SPANS (and SAMPLE_LINKS); returns span ids by name."""
    ids: dict[str, str] = {}
    with project.transaction():
        for name, (index, text, label_name) in SAMPLE_SPANS.items():
            doc_id, start, end = locate(project, index, text)
            label = project.label_named(label_name)
            assert label is not None
            ids[name] = project.add_span(doc_id, start, end, label.id, annotator="analyst").id
        if links:
            for head, tail, type_name in SAMPLE_LINKS:
                kind = project.relation_type_named(type_name)
                assert kind is not None
                project.add_relation(ids[head], ids[tail], kind.id, annotator="analyst")
    return ids
