/** The HTML report's inline style: readable without any external resource, light and dark. */
export const HTML_STYLE = `
:root { color-scheme: light dark; --pass: #1a7f37; --fail: #cf222e; --error: #9a6700; --skip: #6e7781; --line: #d0d7de; }
body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; }
h1 { font-size: 1.4rem; margin-bottom: .25rem; }
code, pre { font: 12px/1.4 ui-monospace, monospace; }
pre { background: rgba(127,127,127,.1); padding: .5rem; overflow: auto; max-height: 30rem; white-space: pre-wrap; word-break: break-all; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
td.n, th.n { text-align: right; }
.outcome { font-weight: 600; font-size: 1.1rem; }
.pass { color: var(--pass); } .fail { color: var(--fail); } .error { color: var(--error); } .skip { color: var(--skip); }
#filters { margin: 1rem 0; display: flex; gap: 1rem; flex-wrap: wrap; align-items: center; }
summary { cursor: pointer; }
.failure { margin: .3rem 0; } .failure b { color: var(--fail); }
.meta { color: var(--skip); font-size: 12px; }
.exchange h4 { margin: .6rem 0 .2rem; font-size: 13px; }
`;

/** The filter script: shows the rows whose verdict, level and text match the form. Plain JS, no library. */
export const HTML_SCRIPT = `
(function () {
  var form = document.getElementById('filters');
  function apply() {
    var v = form.elements.verdict.value, l = form.elements.level.value, t = form.elements.text.value.toLowerCase();
    var rows = document.querySelectorAll('tr.case'), shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      var rv = r.getAttribute('data-verdict');
      var ok = (!v || rv === v || (v === 'failed' && (rv === 'fail' || rv === 'error'))) && (!l || r.getAttribute('data-level') === l) && (!t || r.getAttribute('data-text').indexOf(t) >= 0);
      r.hidden = !ok;
      if (ok) shown++;
    }
    document.getElementById('shown').textContent = shown + ' of ' + rows.length + ' shown';
  }
  form.addEventListener('input', apply);
  form.addEventListener('change', apply);
  form.addEventListener('submit', function (ev) { ev.preventDefault(); });
  apply();
})();
`;
