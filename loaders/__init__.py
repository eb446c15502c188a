"""The loaders: source texts -> facts with evidence -> RDF.

The stages read like the data flow, one module each:
read -> normalise -> segment -> recognise -> extract -> resolve -> to_rdf.
"""
