"""The server's offline query page (no external scripts or styles) and the example queries it offers."""
from __future__ import annotations

import html
import json
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Example:
    """One query of queries/: its file name, its title (first comment line) and its text."""
    name: str
    title: str
    text: str


def default_queries_dir() -> Path:
    """queries/ of the current folder if there is one, else the one next to the package."""
    here = Path.cwd() / "queries"
    return here if here.is_dir() else Path(__file__).resolve().parents[2] / "queries"


def load_examples(folder: Path | None = None) -> list[Example]:
    folder = default_queries_dir() if folder is None else folder
    out = []
    for f in sorted(folder.glob("*.rq")) if folder.is_dir() else []:
        text = f.read_text(encoding="utf-8")
        first = next((ln.lstrip("# ").strip() for ln in text.splitlines() if ln.startswith("#")), f.stem)
        out.append(Example(f.name, first, text))
    return out


PAGE = """<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8"><title>zhkg SPARQL</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:14px/1.45 system-ui,"Noto Sans CJK SC",sans-serif;margin:1.5em auto;max-width:1100px;padding:0 1em;color:#222}
textarea{width:100%;height:16em;font:13px/1.4 ui-monospace,monospace;box-sizing:border-box}
select,button{font:inherit;margin:.4em .4em .4em 0}
table{border-collapse:collapse;margin-top:.8em}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left;vertical-align:top}
th{background:#f3f3f3}pre{background:#f7f7f7;padding:.6em;overflow:auto}#status{color:#666}.err{color:#b00020;white-space:pre-wrap}
</style></head><body>
<h1>zhkg SPARQL</h1>
<p>Endpoint: <code>/sparql</code> (SPARQL 1.1 Protocol, read-only). Prefixes
<code>__PREFIXES__</code> are predeclared. __GRAPHLINK__</p>
<label>Example: <select id="examples"><option value="">—</option>__OPTIONS__</select></label>
<textarea id="q" spellcheck="false">__FIRST__</textarea>
<button id="run">Run</button> <span id="status"></span>
<div id="out"></div>
<script id="example-data" type="application/json">__EXAMPLES__</script>
<script>
(function(){
var ex=JSON.parse(document.getElementById('example-data').textContent);
var q=document.getElementById('q'),out=document.getElementById('out'),st=document.getElementById('status');
document.getElementById('examples').onchange=function(){if(this.value!=='')q.value=ex[this.value].text;};
function cell(b){if(!b)return'';return b.type==='uri'?b.value:b.value+(b['xml:lang']?' @'+b['xml:lang']:'');}
function el(t,s){var e=document.createElement(t);e.textContent=s;return e;}
function run(){
  var kind=/^\\s*(PREFIX[^\\n]*\\n\\s*|BASE[^\\n]*\\n\\s*|#[^\\n]*\\n\\s*)*(CONSTRUCT|DESCRIBE)/i.test(q.value)?'graph':'table';
  st.textContent='running…';out.innerHTML='';var t0=Date.now();
  fetch('sparql',{method:'POST',headers:{'Content-Type':'application/sparql-query',
    'Accept':kind==='graph'?'text/turtle':'application/sparql-results+json'},body:q.value})
  .then(function(r){return r.text().then(function(t){return{ok:r.ok,status:r.status,text:t};});})
  .then(function(r){
    st.textContent=(Date.now()-t0)+' ms';
    if(!r.ok){out.appendChild(el('p',r.status+': '+r.text)).className='err';return;}
    if(kind==='graph'){out.appendChild(el('pre',r.text));return;}
    var d=JSON.parse(r.text);
    if('boolean' in d){out.appendChild(el('p',String(d.boolean)));return;}
    var tb=document.createElement('table'),tr=document.createElement('tr');
    d.head.vars.forEach(function(v){tr.appendChild(el('th',v));});tb.appendChild(tr);
    d.results.bindings.forEach(function(b){var tr=document.createElement('tr');
      d.head.vars.forEach(function(v){tr.appendChild(el('td',cell(b[v])));});tb.appendChild(tr);});
    out.appendChild(el('p',d.results.bindings.length+' rows'));out.appendChild(tb);
  }).catch(function(e){st.textContent='';out.appendChild(el('p',String(e))).className='err';});
}
document.getElementById('run').onclick=run;
q.onkeydown=function(e){if(e.key==='Enter'&&(e.ctrlKey||e.metaKey))run();};
})();
</script></body></html>
"""


def render_page(examples: list[Example], has_graph_html: bool = False) -> str:
    from kg.vocab import PREFIXES
    options = "".join(f'<option value="{i}">{html.escape(e.title)}</option>' for i, e in enumerate(examples))
    data = json.dumps([{"name": e.name, "title": e.title, "text": e.text} for e in examples], ensure_ascii=False)
    data = data.replace("</", "<\\/")  # a query containing </script> must not end the data block
    first = examples[0].text if examples else "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 10\n"
    link = '<a href="graph.html">The network view</a>.' if has_graph_html else ""
    return (PAGE.replace("__PREFIXES__", html.escape(" ".join(f"{p}:" for p in PREFIXES)))
            .replace("__GRAPHLINK__", link).replace("__OPTIONS__", options)
            .replace("__FIRST__", html.escape(first)).replace("__EXAMPLES__", data))
