// zhkg query page: YASGUI (bundled, offline) on this server's /sparql, with the contract's
// prefixes, the queries/*.rq examples, and results as a plain table whose entity IRIs open the
// entity in the graph page. Values go into the DOM as text nodes, never as HTML.
"use strict";
(function () {
  const D = JSON.parse(document.getElementById("zhkg-query-data").textContent);
  const endpoint = new URL("/sparql", location.href).href;
  // IRIs of entities (kgr:<class>/<hash>) open in the graph page; documents and evidence do not
  const ENTITY = new RegExp("/(" + D.entityPaths.join("|") + ")/[^/#?]+$");

  function el(tag, cls, text) {
    const x = document.createElement(tag);
    if (cls) x.className = cls;
    if (text !== undefined) x.textContent = text;
    return x;
  }

  // The contract's prefixes, shortest form first: kgr:company/… rather than the whole IRI.
  const prefixes = Object.entries(D.prefixes).sort((a, b) => b[1].length - a[1].length);
  function shorten(iri) {
    for (const [p, ns] of prefixes) if (iri.startsWith(ns) && iri.length > ns.length) return p + ":" + iri.slice(ns.length);
    return iri;
  }

  function cell(term) {
    const td = el("td");
    if (!term) return td;
    if (term.type === "uri") {
      if (D.graphPage && ENTITY.test(term.value)) {
        const a = el("a", "entity", shorten(term.value));
        a.href = D.graphPage + "#" + encodeURIComponent(term.value);
        a.target = "_blank";
        a.title = term.value + "（在关系图中打开）";
        td.append(a);
      } else {
        const s = el("span", "iri", shorten(term.value));
        s.title = term.value;
        td.append(s);
      }
    } else {
      // literals plainly: no quotes, no @zh, no ^^xsd:integer (the datatype is a tooltip)
      td.textContent = term.value;
      if (term.datatype) {
        td.title = shorten(term.datatype);
        if (/#(integer|decimal|double|float|long|int)$/.test(term.datatype)) td.className = "num";
      } else if (term["xml:lang"]) td.title = "@" + term["xml:lang"];
    }
    return td;
  }

  // A Yasr plugin: the results table zhkg users read (YASGUI's own table prints "…"@zh).
  class ZhkgTable {
    constructor(yasr) { this.yasr = yasr; this.priority = 20; this.label = "表格 Table"; }
    canHandleResults() {
      const r = this.yasr.results;
      return !!r && (r.getType() === "json" || r.getBoolean() !== undefined) && !r.getError();
    }
    getIcon() { return el("span", null, "▦"); }
    draw() {
      const r = this.yasr.results, out = this.yasr.resultsEl;
      if (r.getBoolean() !== undefined && r.getBoolean() !== null && !r.getVariables().length) {
        out.append(el("p", "zhkg-boolean", String(r.getBoolean())));
        return;
      }
      const vars = r.getVariables(), rows = r.getBindings() || [];
      out.append(el("p", "zhkg-count", rows.length + " 行"));
      const table = el("table", "zhkg-results"), head = el("tr");
      for (const v of vars) head.append(el("th", null, v));
      table.append(head);
      for (const b of rows) {
        const tr = el("tr");
        for (const v of vars) tr.append(cell(b[v]));
        table.append(tr);
      }
      out.append(table);
    }
  }
  Yasgui.Yasr.registerPlugin("zhkg", ZhkgTable);
  delete Yasgui.Yasr.plugins.table;   // it prints every label as "…"@zh: ours replaces it
  Yasgui.Yasr.defaults.pluginOrder = ["zhkg", "response"];
  Yasgui.Yasr.defaults.defaultPlugin = "zhkg";

  // Nothing may leave the machine: LOV's class and property completion would ask the internet.
  Yasgui.Yasqe.defaults.autocompleters = Yasgui.Yasqe.defaults.autocompleters.filter((a) => a !== "class" && a !== "property");

  const select = document.getElementById("examples");
  D.examples.forEach((e, i) => {
    const o = el("option", null, e.title);
    o.value = String(i);
    select.append(o);
  });
  document.getElementById("prefix-list").textContent = Object.keys(D.prefixes).map((p) => p + ":").join(" ");

  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: () => [{ endpoint: endpoint }] },
    persistenceId: "zhkg-query",
    tabName: D.examples.length ? D.examples[0].title : "查询",   // not YASGUI's English "Query"
    yasqe: { value: D.examples.length ? D.examples[0].text : "SELECT * WHERE { ?s ?p ?o } LIMIT 10\n" },
    yasr: { pluginOrder: ["zhkg", "response"], defaultPlugin: "zhkg", prefixes: D.prefixes },
  });

  // The server predeclares the contract's prefixes; the editor's checker does not know that, so
  // the ones a query uses are declared in its text (which then runs on any endpoint too).
  function declarePrefixes(yasqe) {
    const text = yasqe.getValue(), declared = yasqe.getPrefixesFromQuery();
    const used = {};
    for (const [p, ns] of Object.entries(D.prefixes)) {
      if (!(p in declared) && new RegExp("(^|[\\s(/^|,;.])" + p + ":", "m").test(text.replace(/^\s*#.*$/gm, ""))) used[p] = ns;
    }
    if (Object.keys(used).length) yasqe.addPrefixes(used);
  }

  // The example menu names what the editor holds: choosing one opens it in a tab of its own.
  function openExample(i) {
    const e = D.examples[i];
    const tab = yasgui.addTab(true, { name: e.title, yasqe: { value: e.text },
                                      requestConfig: { endpoint: endpoint } },
                              { avoidDuplicateTabs: true });
    tab.show();
    tab.getYasqe().setValue(e.text);
    declarePrefixes(tab.getYasqe());
    select.value = String(i);
    return tab;
  }
  select.addEventListener("change", () => openExample(Number(select.value)));
  declarePrefixes(yasgui.getTab().getYasqe());
  const current = yasgui.getTab().getYasqe().getValue();
  const shown = D.examples.findIndex((e) => current.endsWith(e.text));
  select.value = String(shown >= 0 ? shown : 0);

  window.zhkgQuery = { yasgui: yasgui, openExample: openExample, ready: true };
})();
