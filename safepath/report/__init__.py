"""Reports for NGO trainers and donors, from the anonymous records of one or many laptops (issue 13).

    inputs     read this laptop's log and export files; validate; count each record once (SP120–SP124)
    export     write an export file (version, checksum) to carry records to the trainer's computer
    figures    the report's tables, scored with safepath.checks.scoring
    tables     tables and k-anonymity suppression (primary, complementary, small groups, ranges)
    render     HTML (Jinja2, autoescaped, inline SVG charts), CSV files with a README, in one language
    fonts      the Noto fonts cut down to the glyphs used, embedded as WOFF2
    build      all of it: records in, a folder out
    places     where a report can be saved (USB sticks first), for the report screen
    synthetic  a seeded synthetic set of records, for tests and the benchmark

No pygame anywhere in this package (``tests/test_layering.py``); ``safepath report`` and the report screen
(``safepath/scenes/report.py``) are thin layers over it. See ``docs/reports.md``.
"""
