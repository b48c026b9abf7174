/* site.js: the index's filters, full-text search and column sorting
   (written by corpusc). Progressive enhancement: without it the index shows
   every scenario. search.js, loaded first, sets window.corpuscSearch: each
   scenario id mapped to the words of its texts (ASCII letters lower-cased,
   other letters as written), each once, space-separated. */
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
  var index = window.corpuscSearch || {};
  var words = rows.map(function (r) {
    var id = r.querySelector('code.id');
    var w = id && Object.prototype.hasOwnProperty.call(index, id.textContent) ? index[id.textContent] : '';
    return ' ' + w + ' ';
  });
  /* the compiler's word characters (emit_html.c word_char()) and case folding */
  var nonWord = /[^0-9A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u1FFF\u2C00-\u2FFF\u3040-\uFFFF]+/;
  function asciiLower(s) { return s.replace(/[A-Z]/g, function (c) { return c.toLowerCase(); }); }
  /* a query word matches the row's title, id, tags and columns, or all its
     pieces start or sit inside words of the scenario's texts */
  function wordMatch(i, w) {
    if (text[i].indexOf(w.toLowerCase()) >= 0) return true;
    var parts = asciiLower(w).split(nonWord).filter(Boolean);
    return parts.length > 0 && parts.every(function (p) { return words[i].indexOf(p) >= 0; });
  }
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
    var q = field('q').value.split(/\s+/).filter(Boolean);
    var cap = field('capability').value, feat = field('feature').value;
    var label = field('label').value, split = field('split').value, origin = field('origin').value;
    var shown = 0;
    rows.forEach(function (r, i) {
      var ok = q.every(function (w) { return wordMatch(i, w); }) &&
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
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var sortBox = field('sort');
  /* sort by column col, dir 1 ascending or -1 descending; the header's
     aria-sort and arrow and the phone's sort menu show it */
  function sortBy(col, dir) {
    var th = heads[col], numeric = th.classList.contains('num');
    heads.forEach(function (o) { o.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', dir > 0 ? 'ascending' : 'descending');
    if (sortBox) sortBox.value = col + ':' + dir;
    var order = rows.map(function (r, i) { return i; });
    order.sort(function (x, y) {
      var a = sortKey(rows[x], col, numeric), c = sortKey(rows[y], col, numeric);
      return (a < c ? -1 : a > c ? 1 : x - y) * (a === c ? 1 : dir);
    });
    order.forEach(function (i) { tbody.appendChild(rows[i]); });
  }
  heads.forEach(function (th, col) {
    var b = document.createElement('button');
    b.type = 'button';
    b.className = 'sort';
    while (th.firstChild) b.appendChild(th.firstChild);
    th.appendChild(b);
    b.addEventListener('click', function () {
      sortBy(col, th.getAttribute('aria-sort') === 'ascending' ? -1 : 1);
    });
    if (sortBox) {
      [1, -1].forEach(function (dir) {
        var o = document.createElement('option');
        o.value = col + ':' + dir;
        o.textContent = b.textContent + (dir > 0 ? ' \u25B2' : ' \u25BC');
        sortBox.appendChild(o);
      });
    }
  });
  if (sortBox) sortBox.addEventListener('change', function () {
    var p = sortBox.value.split(':');
    if (p.length === 2) sortBy(+p[0], +p[1]);
  });
  form.hidden = false;
  form.addEventListener('input', function (e) { if (e.target !== sortBox) apply(); });
  form.addEventListener('change', function (e) { if (e.target !== sortBox) apply(); });
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  form.addEventListener('reset', function () {
    setTimeout(function () {
      heads.forEach(function (o) { o.removeAttribute('aria-sort'); });
      apply();
    }, 0);
  });
  window.addEventListener('hashchange', function () { fromHash(); apply(); });
  fromHash();
  apply();
})();
