(function () {
  'use strict';
  // Each row: [claim id (CLM01), 1 rejected / 0 accepted, payer id, pack, ST02,
  //            [[rule, severity 0 error / 1 warning / 2 info, LX or 0, segment number, segment id,
  //              element name, REF*6R, message], ...]]
  var rows = JSON.parse(document.getElementById('tc-claims').textContent);
  var SEV = ['error', 'warning', 'info'];
  var PAGE = 50;
  var state = {status: 'rejected', rule: '', sev: '', payer: '', pack: '', q: '', page: 1};
  var keys = ['status', 'rule', 'sev', 'payer', 'pack', 'q', 'page'];
  var texts = null; // lower-case search text per row, made on the first search
  var $ = function (id) { return document.getElementById(id); };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function readHash() {
    var h = location.hash.replace(/^#/, '');
    state = {status: 'rejected', rule: '', sev: '', payer: '', pack: '', q: '', page: 1};
    h.split('&').forEach(function (kv) {
      var i = kv.indexOf('=');
      if (i < 0) { return; }
      var k = decodeURIComponent(kv.slice(0, i)), v = decodeURIComponent(kv.slice(i + 1).replace(/\+/g, ' '));
      if (keys.indexOf(k) >= 0) { state[k] = k === 'page' ? Math.max(1, parseInt(v, 10) || 1) : v; }
    });
  }

  function writeHash() {
    var parts = [];
    keys.forEach(function (k) {
      var v = state[k];
      if (v !== '' && !(k === 'page' && v === 1) && !(k === 'status' && v === 'rejected')) {
        parts.push(k + '=' + encodeURIComponent(v));
      }
    });
    var h = parts.length ? '#' + parts.join('&') : ' ';
    history.replaceState(null, '', h === ' ' ? location.pathname + location.search : h);
  }

  function options(select, values, all) {
    select.textContent = '';
    var o = el('option', null, all); o.value = ''; select.appendChild(o);
    values.forEach(function (v) { var x = el('option', null, v); x.value = v; select.appendChild(x); });
  }

  function distinct(f) {
    var seen = {}, out = [];
    rows.forEach(function (r) { f(r).forEach(function (v) { if (v && !seen[v]) { seen[v] = 1; out.push(v); } }); });
    return out.sort();
  }

  function searchText(r) {
    var s = [r[0], r[2], r[3], r[4]];
    r[5].forEach(function (f) { s.push(f[0], f[4], f[5], f[6], f[7]); });
    return s.join('\u0001').toLowerCase();
  }

  function matches(r, i, q) {
    if (state.status === 'rejected' && !r[1]) { return false; }
    if (state.status === 'accepted' && r[1]) { return false; }
    if (state.payer && r[2] !== state.payer) { return false; }
    if (state.pack && r[3] !== state.pack) { return false; }
    if (state.rule || state.sev) {
      var sev = state.sev ? SEV.indexOf(state.sev) : -1, hit = false;
      for (var k = 0; k < r[5].length && !hit; k++) {
        var f = r[5][k];
        hit = (!state.rule || f[0] === state.rule) && (sev < 0 || f[1] === sev);
      }
      if (!hit) { return false; }
    }
    return !q || texts[i].indexOf(q) >= 0;
  }

  function render() {
    var t0 = performance.now();
    var q = state.q.trim().toLowerCase();
    if (q && !texts) { texts = rows.map(searchText); }
    var shown = [];
    for (var i = 0; i < rows.length; i++) { if (matches(rows[i], i, q)) { shown.push(i); } }
    var pages = Math.max(1, Math.ceil(shown.length / PAGE));
    if (state.page > pages) { state.page = pages; }
    var from = (state.page - 1) * PAGE, to = Math.min(shown.length, from + PAGE);
    $('tc-shown').textContent = shown.length;
    $('tc-page-info').textContent = shown.length === 0 ? 'no claims match'
      : 'claims ' + (from + 1) + '\u2013' + to + ' of ' + shown.length + ', page ' + state.page + ' of ' + pages;
    $('tc-prev').disabled = $('tc-first').disabled = state.page <= 1;
    $('tc-next').disabled = $('tc-last').disabled = state.page >= pages;
    $('tc-last').dataset.page = pages;
    var list = $('tc-list');
    var frag = document.createDocumentFragment();
    for (var j = from; j < to; j++) { frag.appendChild(claim(rows[shown[j]])); }
    list.textContent = '';
    list.appendChild(frag);
    ['status', 'rule', 'sev', 'payer', 'pack'].forEach(function (k) { $('tc-f-' + k).value = state[k]; });
    if (document.activeElement !== $('tc-f-q')) { $('tc-f-q').value = state.q; }
    document.body.dataset.rendered = 'yes';
    // how long this view took, and the page so far (parse included): read by the tests and the measurements
    document.body.dataset.viewMs = Math.round(performance.now() - t0);
    document.body.dataset.readyMs = Math.round(performance.now());
  }

  function claim(r) {
    var a = el('article', 'claim');
    a.dataset.claim = r[0];
    var h = el('h3', null, r[0]);
    h.appendChild(el('span', r[1] ? 'bad' : 'ok', r[1] ? 'REJECTED' : 'accepted'));
    h.appendChild(el('span', null, 'payer ' + (r[2] || '-') + ' \u00b7 pack ' + r[3] + ' \u00b7 ST ' + r[4]));
    a.appendChild(h);
    var t = el('table');
    var head = el('tr');
    ['Severity', 'Rule', 'Line', 'Segment', 'Element', 'REF*6R', 'Finding and fix'].forEach(function (x) {
      head.appendChild(el('th', null, x));
    });
    t.appendChild(head);
    r[5].forEach(function (f) {
      var tr = el('tr', 'finding');
      tr.appendChild(el('td', 'sev-' + SEV[f[1]], SEV[f[1]]));
      tr.appendChild(el('td', null, f[0]));
      tr.appendChild(el('td', 'n', f[2] || ''));
      tr.appendChild(el('td', null, f[3] + (f[4] ? ' ' + f[4] : '')));
      var e = el('td'); e.appendChild(el('code', null, f[5])); tr.appendChild(e);
      tr.appendChild(el('td', null, f[6]));
      tr.appendChild(el('td', null, f[7]));
      t.appendChild(tr);
    });
    a.appendChild(t);
    return a;
  }

  function set(k, v) {
    state[k] = v;
    if (k !== 'page') { state.page = 1; }
    writeHash();
    render();
  }

  options($('tc-f-rule'), distinct(function (r) { return r[5].map(function (f) { return f[0]; }); }), 'any rule');
  options($('tc-f-payer'), distinct(function (r) { return [r[2]]; }), 'any payer');
  options($('tc-f-pack'), distinct(function (r) { return [r[3]]; }), 'any pack');
  ['status', 'rule', 'sev', 'payer', 'pack'].forEach(function (k) {
    $('tc-f-' + k).addEventListener('change', function (ev) { set(k, ev.target.value); });
  });
  var timer = null;
  $('tc-f-q').addEventListener('input', function (ev) {
    clearTimeout(timer);
    timer = setTimeout(function () { set('q', ev.target.value); }, 250);
  });
  $('tc-first').addEventListener('click', function () { set('page', 1); });
  $('tc-prev').addEventListener('click', function () { set('page', state.page - 1); });
  $('tc-next').addEventListener('click', function () { set('page', state.page + 1); });
  $('tc-last').addEventListener('click', function () { set('page', parseInt($('tc-last').dataset.page, 10)); });
  window.addEventListener('hashchange', function () { readHash(); render(); });
  $('tc-filters').hidden = false;
  readHash();
  render();
})();
