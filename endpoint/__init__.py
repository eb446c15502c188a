"""The HTTP face of rikg: SPARQL 1.1 Protocol, Update, Graph Store, service description, UI."""
