"""The vocabulary the scorer reads (the IRIs of shared/CONTRACT.md) and the gold role names.

From score_extraction.py 1.2 (../shared/tools), "Vocabulary" section, unchanged: the scorer works on
plain IRI strings, not on rikg/vocab.py terms, so that it judges the graph by the contract alone.
"""

from __future__ import annotations

import re

RIKG = "https://w3id.org/rikg/ontology#"
OA = "http://www.w3.org/ns/oa#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
RDFS_SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SKOS_PREF, SKOS_ALT, SKOS_EXACT = SKOS + "prefLabel", SKOS + "altLabel", SKOS + "exactMatch"
DCT_IDENTIFIER = "http://purl.org/dc/terms/identifier"
LABEL_PREDICATES = (RDFS_LABEL, SKOS_PREF, SKOS_ALT)

C_ACTOR, C_ORG, C_PERSON = RIKG + "Actor", RIKG + "Organization", RIKG + "Person"
C_PLACE, C_MUNICIPALITY = RIKG + "Place", RIKG + "Municipality"
C_PROGRAM, C_AGREEMENT, C_OUTCOME = RIKG + "Program", RIKG + "Agreement", RIKG + "Outcome"
C_EVENT, C_PARTICIPATION, C_SOURCE = RIKG + "Event", RIKG + "Participation", RIKG + "SourceDocument"
COVERAGE_CLASSES = (C_ACTOR, C_ORG, C_PERSON, C_PLACE, C_MUNICIPALITY, C_PROGRAM, C_AGREEMENT,
                    C_OUTCOME, C_EVENT, C_PARTICIPATION, C_SOURCE)
EVIDENCE_REQUIRED = (C_ACTOR, C_PROGRAM, C_AGREEMENT, C_OUTCOME, C_EVENT, C_PARTICIPATION)
BILINGUAL_REQUIRED = (C_ACTOR, C_PLACE, C_PROGRAM)

P_EVIDENCE, P_LOCATION = RIKG + "evidence", RIKG + "location"
P_PARTICIPATION, P_AGENT, P_ROLE = RIKG + "participation", RIKG + "agent", RIKG + "role"
P_PARTY, P_SIGNED_ON, P_ABOUT = RIKG + "party", RIKG + "signedOn", RIKG + "about"
P_OUTCOME_OF, P_VALUE, P_DATE = RIKG + "outcomeOf", RIKG + "value", RIKG + "date"
OA_SOURCE, OA_SELECTOR = OA + "hasSource", OA + "hasSelector"
OA_START, OA_END, OA_EXACT = OA + "start", OA + "end", OA + "exact"

# role name used in gold files -> (shortcut property, role concept)
ROLES = {
    "funder": (RIKG + "fundedBy", RIKG + "Funder"),
    "implementer": (RIKG + "implementedBy", RIKG + "Implementer"),
    "partner": (RIKG + "partner", RIKG + "Partner"),
}
GOLD_ROLE_FIELDS = {"funders": "funder", "implementers": "implementer", "partners": "partner"}

WIKIDATA_IRI = re.compile(r"^https?://(?:www\.)?wikidata\.org/(?:entity|wiki)/(Q[1-9][0-9]*)$")
