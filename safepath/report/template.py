"""The report page's Jinja2 template (autoescaped): its structure only, no words.

Every word comes from the interface catalog through :mod:`safepath.report.render` (``T`` holds the
translated strings, tables hold translated labels), so the template never needs an extractor of its own.
It lives in a Python module, not a data file, so the one-folder bundle carries it without any packaging
rule. The page loads nothing: styles, charts and fonts are inline, and no element has an external address.
"""

PAGE = r"""<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:">
<meta name="generator" content="SafePath {{ version }}">
<title>{{ T.title }} · {{ period }}</title>
<style>
{{ font_css }}
:root { --ink: #1d2b2a; --muted: #5a6664; --line: #c9d3d1; --soft: #eef3f2; --accent: #2f6f5e; }
* { box-sizing: border-box; }
html { font-family: "{{ family }}", sans-serif; color: var(--ink); background: #fff; }
body { margin: 0 auto; max-width: 60rem; padding: 1.5rem; line-height: 1.55; font-size: 15px; }
:lang(my) body, body:lang(my) { line-height: 1.9; }
h1 { font-size: 1.7rem; margin: 0 0 .2rem; line-height: 1.3; }
h2 { font-size: 1.25rem; margin: 1.8rem 0 .4rem; border-bottom: 2px solid var(--accent); padding-bottom: .15rem; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .3rem; }
p { margin: .3rem 0 .6rem; }
.meta, .note, .foot { color: var(--muted); font-size: .9rem; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(9.5rem, 1fr)); gap: .6rem; margin: .8rem 0; }
.card { border: 1px solid var(--line); border-radius: .4rem; padding: .5rem .7rem; background: var(--soft); }
.card .n { font-size: 1.6rem; font-weight: 700; line-height: 1.2; display: block; }
.card .w { font-size: .85rem; color: var(--muted); display: block; }
.verdict { border-left: 4px solid var(--accent); padding: .4rem .8rem; background: var(--soft); margin: .8rem 0; }
.twocol { display: grid; grid-template-columns: 1fr 1fr; gap: 1.2rem; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 .8rem; font-size: .9rem; }
th, td { border-bottom: 1px solid var(--line); padding: .25rem .4rem; text-align: left; vertical-align: top; }
th { background: var(--soft); font-weight: 700; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
td.n { white-space: nowrap; }
td:first-child { min-width: 8rem; }
th { hyphens: auto; }
tr.total td { font-weight: 700; border-top: 2px solid var(--ink); }
.hidden { color: var(--muted); font-style: italic; }
svg.chart { max-width: 40rem; display: block; margin: .3rem 0 .8rem; }
svg.chart text { font-family: "{{ family }}", sans-serif; font-size: 13px; fill: var(--ink); }
svg.chart text.value, svg.chart text.legend { font-size: 12px; fill: var(--muted); }
.receipt { border: 1px dashed var(--muted); padding: .6rem 1rem; border-radius: .4rem; }
.receipt li { margin: .15rem 0; }
.problems li { color: #8a3030; }
@page { size: A4; margin: 12mm 12mm 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; line-height: 1.4; }
  :lang(my) body, body:lang(my) { line-height: 1.6; }
  h1 { font-size: 17pt; }
  h2 { font-size: 12.5pt; margin-top: 1rem; break-after: avoid; }
  #summary { break-after: page; }
  #summary .cards { grid-template-columns: repeat(6, 1fr); gap: 2mm; margin: 2mm 0; }
  #summary .card { padding: 1mm 2mm; }
  #summary .card .n { font-size: 15pt; }
  #summary svg.chart { max-height: 62mm; width: auto; max-width: 100%; }
  .scroll { overflow: visible; }
  table { font-size: 8pt; break-inside: auto; }
  th, td { padding: .12rem .25rem; }
  td:first-child { min-width: 6rem; }
  tr { break-inside: avoid; }
  section { break-inside: auto; }
  .noprint { display: none; }
}
</style>
</head>
<body>
<section id="summary">
<h1>{{ T.title }}</h1>
<p class="meta">{{ period_line }} · {{ made_line }}</p>
<div class="cards">
{% for card in cards %}<div class="card"><span class="n{% if card.hidden %} hidden{% endif %}">{{ card.value }}</span><span class="w">{{ card.label }}</span></div>
{% endfor %}</div>
{% if verdict %}<p class="verdict">{{ verdict }}</p>{% endif %}
{% if summary_change %}<p>{{ summary_change }}</p>{% endif %}
<div class="twocol">
<div>{% if endings_chart %}<h3>{{ T.endings }}</h3>{{ endings_chart }}{% else %}<p class="note">{{ T.no_plays }}</p>{% endif %}</div>
<div>{% if checks_chart %}<h3>{{ T.checks }}</h3>{{ checks_chart }}{% else %}<p class="note">{{ T.no_checks }}</p>{% endif %}</div>
</div>
{% if flags_chart %}<h3>{{ T.flags_chart }}</h3>{{ flags_chart }}{% endif %}
<p class="foot">{{ privacy_line }}</p>
</section>
{% if full %}
{% for table in tables %}
<section id="{{ table.key }}">
<h2>{{ table.title }}</h2>
{% if table.note %}<p class="note">{{ table.note }}</p>{% endif %}
{% if table.chart %}{{ table.chart }}{% endif %}
{% if table.rows %}
<div class="scroll"><table>
<thead><tr>{% for c in table.columns %}<th{% if c.numeric %} class="n"{% endif %} scope="col">{{ c.title }}</th>{% endfor %}</tr></thead>
<tbody>
{% for row in table.rows %}<tr{% if row.total %} class="total"{% endif %}>{% for cell in row.cells %}<td{% if cell.numeric %} class="n{% if cell.hidden %} hidden{% endif %}"{% elif cell.hidden %} class="hidden"{% endif %}>{{ cell.text }}</td>{% endfor %}</tr>
{% endfor %}</tbody>
</table></div>
{% else %}<p class="note">{{ T.nothing }}</p>{% endif %}
</section>
{% endfor %}
<section id="reading">
<h2>{{ T.reading }}</h2>
{% for para in reading %}<p>{{ para }}</p>
{% endfor %}</section>
<section id="privacy">
<h2>{{ T.receipt }}</h2>
<div class="receipt">
<ul>{% for line in receipt %}<li>{{ line }}</li>{% endfor %}</ul>
<h3>{{ T.sources }}</h3>
<table>
<thead><tr>{% for c in source_columns %}<th{% if not loop.first %} class="n"{% endif %}>{{ c }}</th>{% endfor %}</tr></thead>
<tbody>{% for s in sources %}<tr>{% for v in s %}<td{% if not loop.first %} class="n"{% endif %}>{{ v }}</td>{% endfor %}</tr>{% endfor %}</tbody>
</table>
{% if problems %}<h3>{{ T.problems }}</h3><ul class="problems">{% for p in problems %}<li>{{ p }}</li>{% endfor %}</ul>{% endif %}
</div>
</section>
{% endif %}
</body>
</html>
"""
