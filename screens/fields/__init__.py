"""Field widgets for the form's value types, one per type: big targets, no free text
where the catalogue gives options, touch first."""
