/* MIA-J report: selection of phrases, partner scrolling and the detail panel. No network, no libraries. */
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('mia-data').textContent);
  var panes = { a: document.getElementById('text-a'), b: document.getElementById('text-b') };
  var root = document.documentElement;
  var selected = -1;

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    }
    if (text != null) {
      e.textContent = text;
    }
    return e;
  }

  function marksOf(side, p) {
    // data-phrases lists every phrase covering a piece of text; ~= matches one of them
    return panes[side].querySelectorAll('mark[data-phrases~="' + p + '"]');
  }

  function textOf(side, p) {
    var s = '';
    marksOf(side, p).forEach(function (m) { s += m.textContent; });
    return s;
  }

  function clip(s, n) {
    s = s.replace(/\s+/g, ' ').trim();
    return s.length <= n ? s : s.slice(0, n - 20) + ' \u2026 ' + s.slice(s.length - 15);
  }

  function signed(v, d) {
    return (v >= 0 ? '+' : '\u2212') + Math.abs(v).toFixed(d);
  }

  /* Scrolls a pane (and, if needed, the page) so that el sits in the middle of the pane. */
  function reveal(target) {
    var pane = target.closest('.text');
    var pr = pane.getBoundingClientRect();
    if (pr.top < 0 || pr.bottom > window.innerHeight) {
      pane.scrollIntoView({ block: 'nearest' });
    }
    function go() {
      var p = pane.getBoundingClientRect();
      var r = target.getBoundingClientRect();
      pane.scrollTop += (r.top - p.top) - (pane.clientHeight - r.height) / 2;
    }
    go();
    // blocks laid out for the first time may differ from their estimated height: correct once they are
    requestAnimationFrame(function () { go(); requestAnimationFrame(go); });
  }

  function select(p, from) {
    if (!(p >= 0 && p < data.phrases.length)) {
      return;
    }
    document.querySelectorAll('mark.ph.active').forEach(function (m) { m.classList.remove('active'); });
    ['a', 'b'].forEach(function (s) {
      marksOf(s, p).forEach(function (m) { m.classList.add('active'); });
    });
    var sides = from === 'a' ? ['b'] : from === 'b' ? ['a'] : ['a', 'b'];
    sides.forEach(function (s) {
      var first = marksOf(s, p)[0];
      if (first) {
        reveal(first);
      }
    });
    selected = p;
    root.setAttribute('data-selected', String(p));
    renderDetail(p);
  }

  function activate(m) {
    var ids = m.getAttribute('data-phrases').split(' ').map(Number);
    var k = ids.indexOf(selected);
    // a piece shared by several phrases: each activation moves on to the next of them
    var p = k >= 0 && ids.length > 1 ? ids[(k + 1) % ids.length] : ids[0];
    select(p, m.closest('.text').getAttribute('data-side'));
  }

  ['a', 'b'].forEach(function (s) {
    panes[s].addEventListener('click', function (e) {
      var m = e.target.closest('mark.ph');
      if (m) {
        activate(m);
      }
    });
    panes[s].addEventListener('keydown', function (e) {
      if ((e.key === 'Enter' || e.key === ' ') && e.target.matches && e.target.matches('mark.ph')) {
        e.preventDefault();
        activate(e.target);
      }
    });
  });

  var list = document.getElementById('phrases');
  if (list) {
    list.addEventListener('click', function (e) {
      var b = e.target.closest('button[data-goto]');
      if (b) {
        select(Number(b.getAttribute('data-goto')), null);
      }
    });
  }

  function matrix(p, d) {
    var m = d.m;
    var cols = m.ub.length;
    var fig = el('figure');
    fig.appendChild(el('figcaption', null, 'Probability of each unit pair around the phrase: ' + data.labels[0]
        + ' in rows, ' + data.labels[1] + ' in columns. Framed cells are linked; the outlined cell is the strongest pair.'));
    var wrap = el('div', { 'class': 'scroll' });
    var t = el('table', { 'class': 'matrix', 'data-rows': String(m.ua.length), 'data-cols': String(cols) });
    var head = el('tr');
    head.appendChild(el('td'));
    m.ub.forEach(function (u, c) {
      var j = m.j0 + c;
      head.appendChild(el('th', { scope: 'col', 'class': j >= d.r[2] && j <= d.r[3] ? 'in' : '' }, u));
    });
    var thead = el('thead');
    thead.appendChild(head);
    t.appendChild(thead);
    var links = {};
    m.l.forEach(function (k) { links[k] = true; });
    var body = el('tbody');
    m.ua.forEach(function (u, r) {
      var i = m.i0 + r;
      var tr = el('tr');
      tr.appendChild(el('th', { scope: 'row', 'class': i >= d.r[0] && i <= d.r[1] ? 'in' : '' }, u));
      for (var c = 0; c < cols; c++) {
        var v = m.p[r * cols + c] / 1000;
        var cls = (links[r * cols + c] ? 'link' : '') + (i === d.bi && m.j0 + c === d.bj ? ' best' : '');
        var td = el('td', { title: u + ' \u00d7 ' + m.ub[c] + ': ' + v.toFixed(3) });
        if (cls.trim()) {
          td.className = cls.trim();
        }
        td.style.setProperty('--p', v.toFixed(3));
        tr.appendChild(td);
      }
      body.appendChild(tr);
    });
    t.appendChild(body);
    wrap.appendChild(t);
    fig.appendChild(wrap);
    return fig;
  }

  function contributions(d) {
    var c = d.c;
    var box = el('div');
    box.appendChild(el('h4', null, 'Why \u201c' + d.wa + '\u201d \u00d7 \u201c' + d.wb + '\u201d scores ' + d.bp.toFixed(3)));
    var t = el('table', { 'class': 'contrib' });
    t.appendChild(el('caption', null, 'Heads that pushed this pair: weight \u00d7 feature value, summed over '
        + 'directions and diagonal neighbours (logit ' + signed(c.logit, 3) + ', bias ' + signed(data.bias, 3) + ')'));
    var head = el('tr');
    head.appendChild(el('th', { scope: 'col' }, 'head'));
    head.appendChild(el('th', { scope: 'col' }, 'contribution'));
    head.appendChild(el('th', { scope: 'col' }, 'to the logit'));
    var thead = el('thead');
    thead.appendChild(head);
    t.appendChild(thead);
    var max = 1e-9;
    c.pos.concat(c.neg).forEach(function (x) { max = Math.max(max, Math.abs(x[1])); });
    var body = el('tbody');
    c.pos.concat(c.neg).forEach(function (x) {
      var tr = el('tr', { 'data-sign': x[1] >= 0 ? 'pos' : 'neg' });
      var name = el('td');
      name.appendChild(el('code', null, x[0]));
      tr.appendChild(name);
      var bar = el('td', { 'class': 'barcell' });
      var span = el('span', { 'class': x[1] >= 0 ? 'bar-pos' : 'bar-neg' });
      span.style.width = (100 * Math.abs(x[1]) / max).toFixed(1) + '%';
      bar.appendChild(span);
      tr.appendChild(bar);
      tr.appendChild(el('td', { 'class': 'v' }, signed(x[1], 3)));
      body.appendChild(tr);
    });
    t.appendChild(body);
    box.appendChild(t);
    return box;
  }

  function renderDetail(p) {
    var d = data.phrases[p];
    var body = document.getElementById('detail-body');
    body.textContent = '';
    body.setAttribute('data-phrase', String(p));
    body.appendChild(el('h3', null, 'Phrase #' + (p + 1) + ', score ' + d.s.toFixed(3)));
    var pair = el('p', { 'class': 'pair c' + (p % data.palette) });
    pair.append(data.labels[0] + ': ', el('q', null, clip(textOf('a', p), 160)),
        ' \u2194 ' + data.labels[1] + ': ', el('q', null, clip(textOf('b', p), 160)));
    body.appendChild(pair);
    var grid = el('div', { 'class': 'detail-grid' });
    grid.appendChild(d.m ? matrix(p, d)
        : el('p', { 'class': 'note' }, 'No probability grid for this phrase: the report caps how much detail it embeds.'));
    if (d.c) {
      grid.appendChild(contributions(d));
    } else if (!data.contributions) {
      grid.appendChild(el('p', { 'class': 'note' }, 'Per-head contributions were not computed for this report (they need the pair\u2019s attention).'));
    }
    body.appendChild(grid);
  }

  var hash = /^#p(\d+)$/.exec(location.hash);
  if (hash) {
    select(Number(hash[1]) - 1, null);
  }
  root.setAttribute('data-ready', 'true');
})();
