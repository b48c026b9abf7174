/* site.js: the index's filters and column sorting (written by corpusc).
   Progressive enhancement: without it the index shows every scenario. */
(function () {
  'use strict';
  var form = document.getElementById('filters');
  var table = document.getElementById('scenarios');
  if (!form || !table) return;
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var count = document.getElementById('count');
  var empty = document.getElementById('empty');
  var keys = ['q', 'capability', 'feature', 'label', 'split', 'origin'];
  var text = rows.map(function (r) {
    return (r.textContent + ' ' + (r.getAttribute('data-search') || '')).toLowerCase();
  });
  function field(k) { return form.elements.namedItem(k); }
  function has(list, v) { return (' ' + (list || '') + ' ').indexOf(' ' + v + ' ') >= 0; }
  /* data-behaviors: one label:feature token per feature of each behavior */
  function behaviorMatch(r, label, feature) {
    if (!label && !feature) return true;
    var t = (r.getAttribute('data-behaviors') || '').split(' ');
    for (var i = 0; i < t.length; i++) {
      var c = t[i].indexOf(':');
      if (c < 0) continue;
      if ((!label || t[i].slice(0, c) === label) && (!feature || t[i].slice(c + 1) === feature)) return true;
    }
    return false;
  }
  function apply() {
    var words = field('q').value.toLowerCase().split(/\s+/).filter(Boolean);
    var cap = field('capability').value, feat = field('feature').value;
    var label = field('label').value, split = field('split').value, origin = field('origin').value;
    var shown = 0;
    rows.forEach(function (r, i) {
      var ok = words.every(function (w) { return text[i].indexOf(w) >= 0; }) &&
        (!cap || has(r.getAttribute('data-capabilities'), cap)) &&
        behaviorMatch(r, label, feat) &&
        (!split || r.getAttribute('data-split') === split) &&
        (!origin || r.getAttribute('data-origin') === origin);
      r.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = shown === rows.length ? rows.length + ' scenarios' :
      'Showing ' + shown + ' of ' + rows.length + ' scenarios';
    empty.hidden = shown > 0;
  }
  /* index.html#capability=science (links from the taxonomy) presets a filter */
  function fromHash() {
    var h = location.hash.replace(/^#/, '');
    if (h.indexOf('=') < 0) return;
    h.split('&').forEach(function (kv) {
      var p = kv.split('='), k, v;
      try { k = decodeURIComponent(p[0]); v = decodeURIComponent(p.slice(1).join('=').replace(/\+/g, ' ')); }
      catch (e) { return; }
      if (keys.indexOf(k) >= 0) field(k).value = v;
    });
  }
  function sortKey(r, col, numeric) {
    var c = r.cells[col], v = c.getAttribute('data-v');
    if (v === null) v = c.textContent.trim().toLowerCase();
    return numeric ? parseFloat(v) : v;
  }
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
    var b = document.createElement('button');
    b.type = 'button';
    b.className = 'sort';
    while (th.firstChild) b.appendChild(th.firstChild);
    th.appendChild(b);
    b.addEventListener('click', function () {
      var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
      var numeric = th.classList.contains('num');
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (o) { o.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', dir > 0 ? 'ascending' : 'descending');
      var order = rows.map(function (r, i) { return i; });
      order.sort(function (x, y) {
        var a = sortKey(rows[x], col, numeric), c = sortKey(rows[y], col, numeric);
        return (a < c ? -1 : a > c ? 1 : x - y) * (a === c ? 1 : dir);
      });
      order.forEach(function (i) { tbody.appendChild(rows[i]); });
    });
  });
  form.hidden = false;
  form.addEventListener('input', apply);
  form.addEventListener('change', apply);
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  form.addEventListener('reset', function () { setTimeout(apply, 0); });
  window.addEventListener('hashchange', function () { fromHash(); apply(); });
  fromHash();
  apply();
})();
