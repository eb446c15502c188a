"""The OWL ontology ontology/rikg.ttl: it parses, is documented in three languages, declares the contract
terms, and is consistent under HermiT (via owlready2), also with a small set of individuals using it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import owlready2
import pyoxigraph
import pytest
import rdflib
from rdflib import OWL, RDF, RDFS, SKOS, Literal, URIRef

from rikg.paths import ONTOLOGY_FILE

RIKG = rdflib.Namespace("https://w3id.org/rikg/ontology#")
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
ONTOLOGY_IRI = URIRef("https://w3id.org/rikg/ontology")
ID_NS = "https://w3id.org/rikg/id/probe/"

# Every term the code base may ask rikg/vocab.py for (the brief and ../shared/CONTRACT.md); never rename.
CLASSES = """Actor Organization Person LocalSelfGovernment Place Municipality Country Region Settlement
    Program Project Call Initiative Component Phase Agreement Outcome Event Participation SourceDocument
    Mention ResolutionCandidate""".split()
OBJECT_PROPERTIES = """participation agent role involves fundedBy implementedBy partner organizedBy
    participant partOf location party signedIn about outcomeOf indicator place qualifier subCountOf evidence
    jurisdiction locatedIn affiliation agreementKind eventKind organizationKind candidate candidateFor
    inDocument""".split()
DATATYPE_PROPERTIES = """startDate endDate date signedOn value unit currency rule confidence position
    publicationDate script text sha256""".split()
SCHEMES = {
    "Roles": "Funder Implementer Partner Organizer Participant",
    "AgreementKinds": """MemorandumOfUnderstanding CooperationProtocol Contract GeneralAgreement
        CallForProposals""",
    "EventKinds": "PressConference RoundTable Training Conference Meeting Signing MediaAppearance OtherEvent",
    "Indicators": """PeopleEmployed PeopleEngaged PeopleTrained PeopleCertified Beneficiaries Participants
        LocalSelfGovernments Employers Services EventsHeld Equipment FundingAmount Households HousingUnits
        Organisations Scholarships OtherCount""",
    "Qualifiers": "Exact Approximately MoreThan AtLeast UpTo LessThan",
    "OrganizationKinds": """KindCity KindMunicipality KindCityMunicipality KindMinistry KindGovernmentBody
        KindInternationalOrganization KindDonorAgency KindNGO KindAssociation KindCooperative KindCompany
        KindPublicUtility KindSchool KindMedia KindOther""",
}
SCHEMES = {scheme: members.split() for scheme, members in SCHEMES.items()}
ROLE_SHORTCUTS = {
    "Funder": "fundedBy", "Implementer": "implementedBy", "Partner": "partner",
    "Organizer": "organizedBy", "Participant": "participant",
}

# Serbian Cyrillic to Latin is a one-to-one mapping: a Cyrillic label must transliterate to the Latin one.
_CYR = "абвгдђежзијклљмнњопрстћуфхцчџш"
_LAT = ["a", "b", "v", "g", "d", "đ", "e", "ž", "z", "i", "j", "k", "l", "lj", "m", "n", "nj", "o", "p", "r",
        "s", "t", "ć", "u", "f", "h", "c", "č", "dž", "š"]
_CYR2LAT = {**dict(zip(_CYR, _LAT, strict=True)),
            **{c.upper(): lat[0].upper() + lat[1:] for c, lat in zip(_CYR, _LAT, strict=True)}}


def to_latin(text: str) -> str:
    return "".join(_CYR2LAT.get(ch, ch) for ch in text)


@pytest.fixture(scope="module")
def graph() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY_FILE, format="turtle")


def rikg_terms(graph: rdflib.Graph, rdf_type: URIRef) -> list[URIRef]:
    subjects = graph.subjects(RDF.type, rdf_type)
    return sorted(s for s in subjects if isinstance(s, URIRef) and s.startswith(RIKG))


def texts(graph: rdflib.Graph, subject: URIRef, predicate: URIRef, lang: str) -> list[str]:
    objects = graph.objects(subject, predicate)
    return [str(o) for o in objects if isinstance(o, Literal) and o.language == lang]


# 1. parsing -------------------------------------------------------------------------------------------


def test_parses_with_rdflib_and_pyoxigraph(graph: rdflib.Graph) -> None:
    with open(ONTOLOGY_FILE, "rb") as f:
        oxi = list(pyoxigraph.parse(f, pyoxigraph.RdfFormat.TURTLE))
    assert len(graph) > 1000
    assert len(oxi) == len(graph)
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in graph
    assert list(graph.objects(ONTOLOGY_IRI, OWL.imports)) == [], "the ontology must stay self-contained"
    header = {p for p, _ in graph.predicate_objects(ONTOLOGY_IRI)}
    dct = rdflib.Namespace("http://purl.org/dc/terms/")
    for p in (OWL.versionInfo, dct.title, dct.description, dct.license, dct.created):
        assert p in header, f"ontology header lacks {p}"
    assert (ONTOLOGY_IRI, dct.license, URIRef("https://creativecommons.org/licenses/by/4.0/")) in graph


def test_vocab_module_sees_every_term() -> None:
    from rikg import vocab

    declared = vocab.declared_terms()
    expected = CLASSES + OBJECT_PROPERTIES + DATATYPE_PROPERTIES + ["shortcut"] + list(SCHEMES)
    expected += [c for members in SCHEMES.values() for c in members]
    missing = sorted(set(expected) - declared)
    assert missing == [], f"terms not declared as subjects in {ONTOLOGY_FILE}: {missing}"


# 2. documentation -------------------------------------------------------------------------------------


def test_every_class_and_property_is_labelled_and_defined(graph: rdflib.Graph) -> None:
    terms = set()
    for t in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty):
        terms.update(rikg_terms(graph, t))
    assert len(terms) >= len(CLASSES) + len(OBJECT_PROPERTIES) + len(DATATYPE_PROPERTIES)
    problems = []
    for term in sorted(terms):
        labels = {lang: texts(graph, term, RDFS.label, lang) for lang in ("en", "sr-Latn", "sr-Cyrl")}
        for lang, values in labels.items():
            if len(values) != 1:
                problems.append(f"{term}: {len(values)} rdfs:label @{lang}")
        if labels["sr-Latn"] and labels["sr-Cyrl"] and to_latin(labels["sr-Cyrl"][0]) != labels["sr-Latn"][0]:
            problems.append(f"{term}: Cyrillic label {labels['sr-Cyrl']} does not match {labels['sr-Latn']}")
        for lang in ("en", "sr-Latn"):
            if not (texts(graph, term, SKOS.definition, lang) or texts(graph, term, RDFS.comment, lang)):
                problems.append(f"{term}: no definition @{lang}")
        if (term, RDFS.isDefinedBy, ONTOLOGY_IRI) not in graph:
            problems.append(f"{term}: no rdfs:isDefinedBy")
    assert problems == []


def test_every_concept_is_labelled_defined_and_in_its_scheme(graph: rdflib.Graph) -> None:
    problems = []
    for scheme_name, members in SCHEMES.items():
        scheme = RIKG[scheme_name]
        assert (scheme, RDF.type, SKOS.ConceptScheme) in graph
        assert set(graph.objects(scheme, SKOS.hasTopConcept)) == {RIKG[m] for m in members}, scheme_name
        for label_owner in [scheme] + [RIKG[m] for m in members]:
            labels = {lang: texts(graph, label_owner, SKOS.prefLabel, lang)
                      for lang in ("en", "sr-Latn", "sr-Cyrl")}
            if any(len(v) != 1 for v in labels.values()):
                problems.append(f"{label_owner}: prefLabels {labels}")
            elif to_latin(labels["sr-Cyrl"][0]) != labels["sr-Latn"][0]:
                problems.append(f"{label_owner}: Cyrillic {labels['sr-Cyrl']} vs Latin {labels['sr-Latn']}")
            for lang in ("en", "sr-Latn"):
                if not texts(graph, label_owner, SKOS.definition, lang):
                    problems.append(f"{label_owner}: no skos:definition @{lang}")
        for m in members:
            concept = RIKG[m]
            if (concept, RDF.type, SKOS.Concept) not in graph:
                problems.append(f"{concept} is not a skos:Concept")
            if set(graph.objects(concept, SKOS.inScheme)) != {scheme}:
                problems.append(f"{concept}: skos:inScheme is not exactly {scheme}")
            if set(graph.objects(concept, SKOS.topConceptOf)) != {scheme}:
                problems.append(f"{concept}: skos:topConceptOf is not exactly {scheme}")
    assert problems == []


def test_alt_labels_come_in_both_scripts(graph: rdflib.Graph) -> None:
    for subject in set(graph.subjects(SKOS.altLabel, None)):
        latin = set(texts(graph, subject, SKOS.altLabel, "sr-Latn"))
        cyrillic = {to_latin(c) for c in texts(graph, subject, SKOS.altLabel, "sr-Cyrl")}
        assert latin == cyrillic, subject


# 3. contract terms and structure ----------------------------------------------------------------------


def test_contract_classes_and_properties_exist(graph: rdflib.Graph) -> None:
    for name in CLASSES:
        assert (RIKG[name], RDF.type, OWL.Class) in graph, name
    for name in OBJECT_PROPERTIES:
        assert (RIKG[name], RDF.type, OWL.ObjectProperty) in graph, name
    for name in DATATYPE_PROPERTIES:
        assert (RIKG[name], RDF.type, OWL.DatatypeProperty) in graph, name
    assert (RIKG.shortcut, RDF.type, OWL.AnnotationProperty) in graph


@pytest.mark.parametrize(("sub", "sup"), [
    ("Organization", "Actor"), ("Person", "Actor"), ("LocalSelfGovernment", "Organization"),
    ("Municipality", "Place"), ("Country", "Place"), ("Region", "Place"), ("Settlement", "Place"),
    ("Project", "Program"), ("Call", "Program"), ("Initiative", "Program"), ("Component", "Program"),
    ("Phase", "Program"),
])
def test_contract_subclasses(graph: rdflib.Graph, sub: str, sup: str) -> None:
    assert (RIKG[sub], RDFS.subClassOf, RIKG[sup]) in graph


@pytest.mark.parametrize(("cls", "prov_class"), [
    ("Program", "Activity"), ("Event", "Activity"), ("Agreement", "Entity"), ("SourceDocument", "Entity"),
    ("Mention", "Entity"), ("Participation", "Association"), ("Actor", "Agent"), ("Place", "Location"),
])
def test_prov_alignment(graph: rdflib.Graph, cls: str, prov_class: str) -> None:
    assert (RIKG[cls], RDFS.subClassOf, PROV[prov_class]) in graph


def test_roles_scheme_and_shortcuts(graph: rdflib.Graph) -> None:
    assert {RIKG.Funder, RIKG.Implementer, RIKG.Partner} <= set(graph.subjects(SKOS.inScheme, RIKG.Roles))
    assert (RIKG.Funder, SKOS.notation, Literal("1")) in graph
    assert (RIKG.Implementer, SKOS.notation, Literal("4")) in graph
    for role, shortcut in ROLE_SHORTCUTS.items():
        assert set(graph.objects(RIKG[role], RIKG.shortcut)) == {RIKG[shortcut]}, role
        assert (RIKG[shortcut], RDFS.subPropertyOf, RIKG.involves) in graph, shortcut
    assert (RIKG.involves, RDFS.subPropertyOf, PROV.wasAssociatedWith) in graph
    assert (RIKG.participation, RDFS.subPropertyOf, PROV.qualifiedAssociation) in graph
    assert (RIKG.agent, RDFS.subPropertyOf, PROV.agent) in graph
    assert (RIKG.role, RDFS.subPropertyOf, PROV.hadRole) in graph


def test_every_used_term_is_declared(graph: rdflib.Graph) -> None:
    """OWL 2 DL needs every predicate and every referenced class or property to be typed in the file."""
    builtin = ("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "http://www.w3.org/2000/01/rdf-schema#",
               "http://www.w3.org/2002/07/owl#")
    typed = set(graph.subjects(RDF.type, None))
    undeclared = {p for p in graph.predicates() if not str(p).startswith(builtin) and p not in typed}
    for axiom in (RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range, OWL.disjointWith,
                  OWL.inverseOf):
        for s, o in graph.subject_objects(axiom):
            undeclared |= {t for t in (s, o) if isinstance(t, URIRef) and t not in typed
                           and not t.startswith("http://www.w3.org/2001/XMLSchema#")
                           and t not in (RDFS.label, RDFS.Literal)}
    assert undeclared == set()


def test_alignment_does_not_claim_false_subclasses(graph: rdflib.Graph) -> None:
    schema = rdflib.Namespace("http://schema.org/")
    org = rdflib.Namespace("http://www.w3.org/ns/org#")
    assert (RIKG.Program, RDFS.subClassOf, schema.Project) not in graph
    assert (RIKG.Program, SKOS.closeMatch, schema.Project) in graph
    assert (RIKG.Participation, RDFS.subClassOf, org.Membership) not in graph
    assert (RIKG.Participation, SKOS.closeMatch, org.Membership) in graph
    assert (RIKG.partOf, RDF.type, OWL.TransitiveProperty) not in graph


# 4 and 5. OWL reasoning with HermiT -------------------------------------------------------------------


@pytest.fixture(scope="module")
def ntriples_file(graph: rdflib.Graph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which(owlready2.JAVA_EXE) is None and shutil.which("java") is None:
        pytest.fail("java is not installed: owlready2 needs a JDK/JRE to run the HermiT reasoner")
    path = tmp_path_factory.mktemp("owl") / "rikg.nt"
    graph.serialize(path, format="nt", encoding="utf-8")
    return path


@pytest.fixture()
def world(ntriples_file: Path) -> Iterator[tuple[owlready2.World, owlready2.Ontology]]:
    w = owlready2.World()
    onto = w.get_ontology(ntriples_file.as_uri()).load()
    yield w, onto
    w.close()


def reason(w: owlready2.World, onto: owlready2.Ontology) -> None:
    with onto:
        owlready2.sync_reasoner_hermit(w, infer_property_values=False, debug=0)


def test_hermit_finds_the_ontology_consistent(world: tuple[owlready2.World, owlready2.Ontology]) -> None:
    w, onto = world
    assert w[str(RIKG.Program)] is not None and w[str(RIKG.Participation)] is not None
    reason(w, onto)
    assert list(w.inconsistent_classes()) == []
    # the reasoner ran: it classified rikg:LocalSelfGovernment under prov:Agent through rikg:Actor
    assert w[str(PROV.Agent)] in w[str(RIKG.LocalSelfGovernment)].ancestors()


class Probe:
    """Individuals under https://w3id.org/rikg/id/probe/ created in an owlready2 world."""

    def __init__(self, w: owlready2.World, onto: owlready2.Ontology) -> None:
        self.w, self.onto = w, onto
        self.ns = onto.get_namespace(ID_NS)

    def new(self, name: str, *classes: str) -> owlready2.Thing:
        first, *rest = (self.w[str(RIKG[c])] for c in classes)
        with self.onto:
            ind = first(name, namespace=self.ns)
            ind.is_a.extend(rest)
        return ind

    def link(self, s: owlready2.Thing, prop: str, o: object) -> None:
        with self.onto:
            getattr(s, self.w[str(RIKG[prop])].python_name).append(o)

    def term(self, name: str) -> owlready2.Thing:
        return self.w[str(RIKG[name])]


Reasoned = tuple[owlready2.World, owlready2.Ontology]


def test_individuals_of_every_main_class_are_consistent(world: Reasoned) -> None:
    w, onto = world
    p = Probe(w, onto)
    program = p.new("program", "Program")
    project = p.new("project", "Project")
    event = p.new("event", "Event")
    agreement = p.new("agreement", "Agreement")
    org = p.new("org", "Organization")
    lsg = p.new("lsg", "LocalSelfGovernment")
    person = p.new("person", "Person")
    muni = p.new("muni", "Municipality")
    settlement = p.new("settlement", "Settlement")
    part = p.new("participation", "Participation")
    outcome, sub = p.new("outcome", "Outcome"), p.new("sub-outcome", "Outcome")
    doc = p.new("doc", "SourceDocument")
    mention = p.new("mention", "Mention")
    candidate = p.new("candidate", "ResolutionCandidate")

    p.link(program, "participation", part)
    p.link(part, "agent", org)
    p.link(part, "role", p.term("Funder"))
    p.link(program, "fundedBy", org)
    p.link(program, "implementedBy", lsg)
    p.link(program, "location", muni)
    p.link(project, "partOf", program)
    p.link(event, "about", program)
    p.link(event, "organizedBy", lsg)
    p.link(event, "participant", person)
    p.link(event, "eventKind", p.term("PressConference"))
    p.link(agreement, "party", org)
    p.link(agreement, "party", lsg)
    p.link(agreement, "about", project)
    p.link(agreement, "signedIn", muni)
    p.link(agreement, "agreementKind", p.term("MemorandumOfUnderstanding"))
    p.link(lsg, "jurisdiction", muni)
    p.link(settlement, "locatedIn", muni)
    p.link(person, "affiliation", org)
    p.link(org, "organizationKind", p.term("KindNGO"))
    p.link(outcome, "outcomeOf", program)
    p.link(outcome, "indicator", p.term("PeopleEmployed"))
    p.link(outcome, "qualifier", p.term("Approximately"))
    p.link(outcome, "place", muni)
    p.link(sub, "subCountOf", outcome)
    p.link(mention, "inDocument", doc)
    p.link(mention, "rule", "gazetteer:org")
    for fact in (program, event, agreement, org, outcome, part):
        p.link(fact, "evidence", mention)
    p.link(candidate, "candidate", person)
    p.link(candidate, "candidateFor", p.new("person2", "Person"))
    p.link(candidate, "confidence", 0.75)

    reason(w, onto)  # raises OwlReadyInconsistentOntologyError if the axioms clash
    assert list(w.inconsistent_classes()) == []

    activity, entity = w[str(PROV.Activity)], w[str(PROV.Entity)]
    for ind in (program, project, event):
        assert activity in ind.INDIRECT_is_a and entity not in ind.INDIRECT_is_a, ind
    for ind in (agreement, doc, mention):
        assert entity in ind.INDIRECT_is_a and activity not in ind.INDIRECT_is_a, ind
    assert w[str(PROV.Agent)] in org.INDIRECT_is_a
    assert w[str(RIKG.Actor)] in lsg.INDIRECT_is_a
    # inferred from the range of prov:hadRole, through rikg:role
    assert w[str(PROV.Role)] in p.term("Funder").INDIRECT_is_a


@pytest.mark.parametrize("case", ["program-and-agreement", "event-and-document", "person-and-organization",
                                  "shortcut-on-agreement", "actor-and-place"])
def test_reasoner_rejects_wrong_modelling(world: Reasoned, case: str) -> None:
    """Negative probes: the disjointness axioms are really there and HermiT really checks them."""
    w, onto = world
    p = Probe(w, onto)
    if case == "program-and-agreement":
        p.new("x", "Program", "Agreement")
    elif case == "event-and-document":
        p.new("x", "Event", "SourceDocument")
    elif case == "person-and-organization":
        p.new("x", "Person", "Organization")
    elif case == "actor-and-place":
        p.new("x", "LocalSelfGovernment", "Municipality")
    else:  # a role shortcut makes its subject a prov:Activity, which an agreement (prov:Entity) cannot be
        p.link(p.new("x", "Agreement"), "fundedBy", p.new("y", "Organization"))
    with pytest.raises(owlready2.OwlReadyInconsistentOntologyError):
        reason(w, onto)
