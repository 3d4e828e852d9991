"""The generic form engine: holds, validates and sends the values of a catalogue form.

Modules: `kinds` (the registry of what exists and what runs), `dates` (date
bounds), `conditions` (required_if / visible_if), `rules` (form rules),
`validation` (one text value and the named validators), `person` and `values`
(a JSON value of each type), `paths` (``shareholders[2].id_number``), `engine`
(`FormSession`). Nothing is imported here: `kinds` must load without the rest.
"""
