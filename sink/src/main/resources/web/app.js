// Rewire dashboard. No framework, no CDN, no innerHTML: every node is built with createElement and every
// piece of data goes in through textContent or a validated attribute, so article text and titles can
// never become markup or script (the Content-Security-Policy forbids inline script besides).
'use strict';

const SVG_NS = 'http://www.w3.org/2000/svg';
const app = document.getElementById('app');
const live = document.getElementById('live');
let currentView = null;   // { name, refresh() }
let refreshTimer = null;

// ------------------------------------------------------------------------------------------ helpers

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

function setAttrs(node, attrs) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'text') node.textContent = String(v);
    else if (k === 'class') node.setAttribute('class', v);
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, String(v));
  }
}

function append(node, children) {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Only http(s) links leave the dashboard; anything else (javascript:, data:, file:) is not a link. */
function safeHref(url) {
  return typeof url === 'string' && /^https?:\/\//i.test(url) ? url : null;
}

function outLink(url, text) {
  const href = safeHref(url);
  return href ? el('a', { href, rel: 'noopener noreferrer nofollow', target: '_blank', text }) : el('span', { text });
}

function storyHash(id) {
  return '#/story/' + encodeURIComponent(id);
}

async function getJson(path) {
  const res = await fetch(path, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(path + ' answered ' + res.status);
  return res.json();
}

function fmtTime(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return isNaN(d) ? '—' : d.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}

function fmtLag(seconds) {
  if (seconds === null || seconds === undefined || !isFinite(seconds)) return '—';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return s + ' s';
  if (s < 3600) return Math.round(s / 60) + ' min';
  if (s < 86400) return (s / 3600).toFixed(1) + ' h';
  return (s / 86400).toFixed(1) + ' d';
}

function fmtSim(x) {
  return x === null || x === undefined ? '—' : (100 * x).toFixed(0) + ' %';
}

function badge(relation) {
  const r = ['original', 'exact', 'near', 'rewrite'].includes(relation) ? relation : 'original';
  return el('span', { class: 'badge ' + r, text: relation || 'original' });
}

function stat(label, value) {
  return el('div', { class: 'stat' }, el('b', { text: value }), el('span', { class: 'muted', text: label }));
}

function show(...nodes) {
  app.replaceChildren(...nodes);
}

function showError(e) {
  show(el('p', { class: 'error', text: 'Could not load: ' + e.message }));
}

// ---------------------------------------------------------------------------------------- word diff

function tokens(text) {
  return (text || '').split(/(\s+)/).filter(t => t.length > 0);
}

function norm(word) {
  return word.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * The member's text as nodes, with the words that are not in the original (by longest common
 * subsequence of words) wrapped in <mark class="diff">.
 */
function diffNodes(original, text) {
  const a = tokens(original).filter(t => !/^\s+$/.test(t)).map(norm);
  const bTokens = tokens(text);
  const bWords = [];
  bTokens.forEach((t, i) => { if (!/^\s+$/.test(t)) bWords.push(i); });
  const b = bWords.map(i => norm(bTokens[i]));
  const keep = new Set();
  if (a.length * b.length <= 4000000) {
    const n = a.length, m = b.length;
    const dp = new Array(n + 1);
    for (let i = 0; i <= n; i++) dp[i] = new Uint16Array(m + 1);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        dp[i][j] = a[i] === b[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
      }
    }
    let i = 0, j = 0;
    while (i < n && j < m) {
      if (a[i] === b[j]) { keep.add(j); i++; j++; }
      else if (dp[i + 1][j] >= dp[i][j + 1]) i++;
      else j++;
    }
  } else {
    const inOriginal = new Set(a);
    b.forEach((w, j) => { if (inOriginal.has(w)) keep.add(j); });
  }
  const nodes = [];
  let buffer = '';
  let wordIndex = 0;
  for (const t of bTokens) {
    if (/^\s+$/.test(t)) { buffer += t; continue; }
    const same = keep.has(wordIndex++) || norm(t) === '';
    if (same) { buffer += t; continue; }
    if (buffer) { nodes.push(document.createTextNode(buffer)); buffer = ''; }
    nodes.push(el('mark', { class: 'diff', text: t }));
  }
  if (buffer) nodes.push(document.createTextNode(buffer));
  return nodes;
}

// ------------------------------------------------------------------------------------------- charts

function activityChart(buckets) {
  const w = 720, h = 160, pad = 28;
  const chart = svg('svg', { class: 'chart', width: w, height: h, viewBox: `0 0 ${w} ${h}`, role: 'img',
                             'aria-label': 'Articles per hour' });
  if (!buckets.length) {
    chart.appendChild(svg('text', { x: pad, y: h / 2, text: 'No articles yet' }));
    return chart;
  }
  const max = Math.max(...buckets.map(b => b.articles), 1);
  const bw = (w - 2 * pad) / buckets.length;
  buckets.forEach((b, i) => {
    const x = pad + i * bw;
    const hr = (h - 2 * pad) * b.rewrites / max;
    const ho = (h - 2 * pad) * (b.articles - b.rewrites) / max;
    chart.appendChild(svg('rect', { class: 'bar-orig', x: x + 1, y: h - pad - ho, width: Math.max(1, bw - 2), height: ho },
      svg('title', { text: `${fmtTime(b.hour)}: ${b.originals} originals, ${b.rewrites} copies and rewrites` })));
    chart.appendChild(svg('rect', { class: 'bar-rw', x: x + 1, y: h - pad - ho - hr, width: Math.max(1, bw - 2), height: hr }));
  });
  chart.appendChild(svg('text', { x: pad, y: 16, text: `articles per hour (max ${max}); green = originals, red = copies and rewrites` }));
  chart.appendChild(svg('text', { x: pad, y: h - 8, text: fmtTime(buckets[0].hour) }));
  chart.appendChild(svg('text', { x: w - pad, y: h - 8, 'text-anchor': 'end', text: fmtTime(buckets[buckets.length - 1].hour) }));
  return chart;
}

const RELATION_COLOURS = { original: '#2e7d32', exact: '#6a1b9a', near: '#ef6c00', rewrite: '#c62828' };

function timelineChart(members) {
  const w = 720, row = 22, pad = 130, h = Math.max(60, members.length * row + 40);
  const chart = svg('svg', { class: 'chart', width: w, height: h, viewBox: `0 0 ${w} ${h}`, role: 'img',
                             'aria-label': 'Members by lag behind the first' });
  const maxLag = Math.max(60, ...members.map(m => m.lagSeconds || 0));
  members.forEach((m, i) => {
    const y = 24 + i * row;
    const x = pad + (w - pad - 30) * (m.lagSeconds || 0) / maxLag;
    chart.appendChild(svg('text', { x: 8, y: y + 4, text: m.outlet || '?' }));
    chart.appendChild(svg('line', { x1: pad, x2: x, y1: y, y2: y, stroke: '#d9dee5' }));
    chart.appendChild(svg('circle', { class: 'dot', cx: x, cy: y, r: 6, fill: RELATION_COLOURS[m.relation] || '#1f4e79' },
      svg('title', { text: `${m.outlet}: ${m.relation || 'original'}, ${fmtLag(m.lagSeconds)} after the first` })));
  });
  chart.appendChild(svg('text', { x: pad, y: h - 6, text: '0' }));
  chart.appendChild(svg('text', { x: w - 30, y: h - 6, 'text-anchor': 'end', text: 'lag ' + fmtLag(maxLag) }));
  return chart;
}

function lagBars(outlets) {
  const rows = outlets.filter(o => o.medianLagSeconds !== null && o.medianLagSeconds !== undefined);
  const w = 720, row = 22, pad = 160, h = Math.max(50, rows.length * row + 30);
  const chart = svg('svg', { class: 'chart', width: w, height: h, viewBox: `0 0 ${w} ${h}`, role: 'img',
                             'aria-label': 'Typical lag per outlet' });
  const max = Math.max(60, ...rows.map(o => o.medianLagSeconds));
  rows.forEach((o, i) => {
    const y = 14 + i * row;
    const bw = (w - pad - 80) * o.medianLagSeconds / max;
    chart.appendChild(svg('text', { x: 8, y: y + 12, text: o.outlet }));
    chart.appendChild(svg('rect', { class: 'bar', x: pad, y, width: Math.max(1, bw), height: 14 }));
    chart.appendChild(svg('text', { x: pad + bw + 6, y: y + 12, text: fmtLag(o.medianLagSeconds) }));
  });
  if (!rows.length) chart.appendChild(svg('text', { x: 8, y: 30, text: 'No copies or rewrites yet' }));
  return chart;
}

// -------------------------------------------------------------------------------------------- views

// The story list shows the outlet count and the hourly activity from /api/outlets, the costliest query (an
// aggregation over every article): on a busy sink it is asked again at most every 30 s, not on every change.
const OUTLETS_FRESH_MILLIS = 30000;
let outletsCache = null;

async function outletsForStories() {
  if (!outletsCache || Date.now() - outletsCache.at > OUTLETS_FRESH_MILLIS) {
    outletsCache = { at: Date.now(), data: await getJson('/api/outlets') };
  }
  return outletsCache.data;
}

async function storiesView() {
  const [data, outlets] = await Promise.all([getJson('/api/stories?sort=rank&limit=100'), outletsForStories()]);
  if (typeof data.cacheMillis === 'number') serverCacheMillis = data.cacheMillis;
  const stories = data.stories;
  const members = stories.reduce((n, s) => n + s.memberCount, 0);
  const rewrites = stories.reduce((n, s) => n + s.rewriteCount, 0);
  const rows = stories.map((s, i) => el('tr', { 'data-story': s.storyId },
    el('td', { class: 'num', text: i + 1 }),
    el('td', {}, el('a', { href: storyHash(s.storyId), class: 'story-link', text: s.title || '(untitled)' }),
      el('div', { class: 'muted', text: 'first by ' + (s.firstOutlet || '?') + ' · ' + fmtTime(s.firstSeenAt) })),
    el('td', {}, s.outlets.map(o => el('span', { class: 'chip', text: o }))),
    el('td', { class: 'num', text: s.memberCount }),
    el('td', { class: 'num', text: s.rewriteCount }),
    el('td', { class: 'num', text: s.recentMembers }),
    el('td', { text: fmtTime(s.lastSeenAt) })));
  show(
    el('h1', { text: 'Stories, ranked by rewrites and velocity' }),
    el('div', { class: 'cards' }, stat('stories shown', stories.length), stat('articles', members),
      stat('copies and rewrites', rewrites), stat('outlets', outlets.outlets.length)),
    activityChart(outlets.activity),
    el('h2', { text: 'Live story list' }),
    stories.length === 0 ? el('p', { class: 'muted', id: 'empty', text: 'No stories yet: they appear here as the sink writes them.' })
      : el('table', { id: 'stories' },
        el('thead', {}, el('tr', {}, el('th', { class: 'num', text: '#' }), el('th', { text: 'Story (best version)' }),
          el('th', { text: 'Outlets' }), el('th', { class: 'num', text: 'Members' }), el('th', { class: 'num', text: 'Rewrites' }),
          el('th', { class: 'num', text: 'Last hour', title: 'members in the hour before the newest article' }),
          el('th', { text: 'Last seen' }))),
        el('tbody', {}, rows)));
}

async function storyView(id) {
  const detail = await getJson('/api/stories/' + encodeURIComponent(id));
  const s = detail.story;
  const members = detail.members;
  const original = members.find(m => m.id === s.bestArticleId) || members[0];
  const cards = members.map(m => el('article', { class: 'member', 'data-article': m.id },
    el('div', {}, el('span', { class: 'chip outlet', text: m.outlet || '?' }), ' ', badge(m.relation)),
    el('h3', { class: 'member-title' }, outLink(m.url, m.title || '(untitled)')),
    el('dl', {},
      el('dt', { text: 'time' }), el('dd', { text: fmtTime(m.publishedAt || m.fetchedAt) }),
      el('dt', { text: 'lag' }), el('dd', { text: m === original ? 'first' : fmtLag(m.lagSeconds) }),
      el('dt', { text: 'relation' }), el('dd', { text: m.relation || 'original' }),
      el('dt', { text: 'similarity' }), el('dd', { text: fmtSim(m.similarity) }),
      el('dt', { text: 'words' }), el('dd', { text: m.wordCount }),
      el('dt', { text: 'byline' }), el('dd', { text: m.byline || '—' })),
    el('div', { class: 'text' }, m === original ? [document.createTextNode(m.text || '')] : diffNodes(original.text, m.text))));
  show(
    el('p', {}, el('a', { href: '#/', text: '← all stories' })),
    el('h1', { id: 'story-title', text: s.title || '(untitled)' }),
    el('div', { class: 'cards' }, stat('members', s.memberCount), stat('copies and rewrites', s.rewriteCount),
      stat('outlets', s.outletCount), stat('first', s.firstOutlet || '?'),
      stat('spread over', fmtLag((Date.parse(s.lastSeenAt) - Date.parse(s.firstSeenAt)) / 1000))),
    timelineChart(members),
    el('h2', { text: 'Members side by side' }),
    members.length < s.memberCount
      ? el('p', { class: 'legend', text: 'Showing the first ' + members.length + ' of ' + s.memberCount + ' members.' })
      : '',
    el('p', { class: 'legend' }, 'Highlighted: ', el('mark', { class: 'diff', text: 'words' }),
      ' that are not in the original (' + (original ? original.outlet : '?') + ').'),
    el('div', { class: 'members', id: 'members' }, cards));
}

async function outletsView() {
  const data = await getJson('/api/outlets');
  const names = data.outlets.map(o => o.outlet);
  const firsts = [...new Set(data.edges.map(e => e.firstOutlet))].sort();
  const followers = [...new Set(data.edges.map(e => e.rewritingOutlet))].sort();
  const byPair = new Map(data.edges.map(e => [e.firstOutlet + '\u0000' + e.rewritingOutlet, e]));
  const max = Math.max(1, ...data.edges.map(e => e.count));
  const matrix = el('table', { class: 'matrix', id: 'matrix' },
    el('thead', {}, el('tr', {}, el('th', { text: 'first ↓ / followed by →' }), followers.map(f => el('th', { text: f })))),
    el('tbody', {}, firsts.map(f => el('tr', {}, el('th', { text: f }), followers.map(r => {
      const e = byPair.get(f + '\u0000' + r);
      const td = el('td', { class: 'cell', title: e ? `${r} followed ${f} ${e.count}× (median lag ${fmtLag(e.medianLagSeconds)})` : '' },
        e ? String(e.count) : '·', e ? el('div', { class: 'muted', text: fmtLag(e.medianLagSeconds) }) : null);
      if (e) td.style.backgroundColor = `rgba(198, 40, 40, ${(0.1 + 0.6 * e.count / max).toFixed(2)})`;
      return td;
    })))));
  show(
    el('h1', { text: 'Outlets: who rewrites whom' }),
    el('div', { class: 'cards' }, stat('outlets', names.length), stat('follow edges', data.edges.length)),
    el('h2', { text: 'Matrix: rows published first, columns copied or rewrote it' }),
    firsts.length ? matrix : el('p', { class: 'muted', text: 'No copies or rewrites yet.' }),
    el('h2', { text: 'Typical lag behind the first article' }),
    lagBars(data.outlets),
    el('h2', { text: 'Outlets' }),
    el('table', { id: 'outlets' },
      el('thead', {}, el('tr', {}, el('th', { text: 'Outlet' }), el('th', { class: 'num', text: 'Articles' }),
        el('th', { class: 'num', text: 'Originals' }), el('th', { class: 'num', text: 'Copies/rewrites' }),
        el('th', { class: 'num', text: 'Median lag' }), el('th', { text: 'Last seen' }))),
      el('tbody', {}, data.outlets.map(o => el('tr', {}, el('td', { text: o.outlet }),
        el('td', { class: 'num', text: o.articles }), el('td', { class: 'num', text: o.originals }),
        el('td', { class: 'num', text: o.rewrites }), el('td', { class: 'num', text: fmtLag(o.medianLagSeconds) }),
        el('td', { text: fmtTime(o.lastSeenAt) }))))));
}

// ------------------------------------------------------------------------------- routing and live

async function render() {
  const hash = location.hash || '#/';
  let view;
  if (hash.startsWith('#/story/')) {
    let id = hash.slice('#/story/'.length);
    try { id = decodeURIComponent(id); } catch (e) { /* a malformed escape: ask for the id as written */ }
    view = { name: 'story', load: () => storyView(id) };
  } else if (hash === '#/outlets') {
    view = { name: 'outlets', load: outletsView };
  } else {
    view = { name: 'stories', load: storiesView };
  }
  currentView = view;
  try {
    await view.load();
    document.body.setAttribute('data-view', view.name);
  } catch (e) {
    showError(e);
  }
}

// A tab in the background does not reload (no load on the server for a page nobody sees); it catches up
// once shown again.
let refreshWhenShown = false;
document.addEventListener('visibilitychange', () => {
  if (!document.hidden && refreshWhenShown) { refreshWhenShown = false; scheduleRefresh(); }
});

// The server shares an answer among the requests of web.cacheFor (/api/stories says how long): waiting
// longer than that after a change means the reload's answer was loaded after the change, never before.
let serverCacheMillis = 1000;

function scheduleRefresh() {
  if (document.hidden) { refreshWhenShown = true; return; }
  if (refreshTimer) return;
  refreshTimer = setTimeout(async () => {
    refreshTimer = null;
    const view = currentView;
    if (!view) return;
    const y = window.scrollY;
    try { await view.load(); window.scrollTo(0, y); } catch (e) { /* keep what is shown */ }
  }, Math.max(700, serverCacheMillis + 300));
}

// The browser reconnects a dropped stream by itself, but gives up for good when the server answers with
// anything but 200 (503 when web.maxStreams are all taken, 500 while the database is down): then connect
// again ourselves, waiting longer each time (up to a minute), and reload the view meanwhile.
let liveRetryMillis = 2000;

function connectLive() {
  if (!('EventSource' in window)) { setInterval(scheduleRefresh, 10000); return; }
  const source = new EventSource('/api/stream');
  source.addEventListener('open', () => {
    live.textContent = 'live'; live.classList.add('on'); liveRetryMillis = 2000;
  });
  source.addEventListener('story', scheduleRefresh);
  source.addEventListener('error', () => {
    live.textContent = 'reconnecting…'; live.classList.remove('on');
    if (source.readyState === EventSource.CLOSED) {
      setTimeout(() => { scheduleRefresh(); connectLive(); }, liveRetryMillis);
      liveRetryMillis = Math.min(60000, liveRetryMillis * 2);
    }
  });
}

window.addEventListener('hashchange', render);
render();
connectLive();
