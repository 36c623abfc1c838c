"""The extract stage in one call: quantities once, then facts, tasks, glossary, self-assessments."""

from __future__ import annotations

from luoshi.extract.facts import extract_facts
from luoshi.extract.ontology import Ontology, load_ontology
from luoshi.extract.quantities import find_quantities
from luoshi.extract.selfassess import extract_self_assessments
from luoshi.models import Extraction, Report, Text


def extract_all(text: Text, report: Report, ontology: Ontology | None = None) -> Extraction:
    """Everything the extract stage finds in a parsed report.

    Quantities are found once over the whole normalized text and shared by the fact and task
    extractors. ``ontology`` defaults to the shipped one (loaded once per process).
    """
    from luoshi.extract.glossary import extract_glossary
    from luoshi.extract.tasks import extract_tasks

    onto = ontology if ontology is not None else load_ontology()
    quantities = find_quantities(text.text)
    return Extraction(
        quantities=tuple(quantities),
        facts=tuple(extract_facts(text, report, quantities, onto)),
        tasks=tuple(extract_tasks(text, report, quantities)),
        glossary=tuple(extract_glossary(text, report)),
        self_assessments=tuple(extract_self_assessments(text, report, onto)),
    )
