/**
 * A generated business page of about `nodes` DOM nodes: a customers table
 * (links, emails, phone numbers, amounts, inputs, buttons, a light-DOM web
 * component per row) under a header made of web components with shadow roots.
 * Deterministic for a given size. Its script (page world) gives the bench its
 * workloads: window.__bench.mutate(), .quiet(), .step().
 */
const NODES_PER_ROW = 18;
const SHELL_NODES = 60;

export function rowsFor(nodes: number): number {
  return Math.max(1, Math.round((nodes - SHELL_NODES) / NODES_PER_ROW));
}

/** One customer row; shared source so the page's script builds the same rows. Plain ES2020. */
const ROW_HTML_SOURCE = String.raw`function rowHtml(i) {
  const id = 100000 + i;
  const state = i % 3 ? 'open' : 'closed';
  return '<tr data-id="' + id + '" class="row"><td><a href="/customers/' + id + '?tab=orders">Customer ' + i + '</a></td>' +
    '<td title="customer' + i + '@example.com">customer' + i + '@example.com</td><td>+44 20 7946 ' + (1000 + (i % 9000)) + '</td>' +
    '<td>Order #' + (4000000 + i) + ' on 2024-01-' + String((i % 28) + 1).padStart(2, '0') + ' for $' + ((i * 7.31) % 9000).toFixed(2) + '</td>' +
    '<td><input name="note' + i + '" value="note ' + i + '" aria-label="Note for customer ' + i + '"></td>' +
    '<td><status-badge state="' + state + '">' + state + '</status-badge> <button type="button" data-row="' + i + '">Open</button></td></tr>';
}`;

export const rowHtml = new Function(`${ROW_HTML_SOURCE}; return rowHtml;`)() as (i: number) => string;

export function generatedPageHtml(nodes: number): string {
  const rows: string[] = [];
  for (let i = 0; i < rowsFor(nodes); i++) rows.push(rowHtml(i));
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Customers</title>
<style>body{font:14px sans-serif;margin:0}table{border-collapse:collapse;table-layout:fixed;width:1200px}td{padding:2px 6px;border-bottom:1px solid #ddd}
status-badge:not(:defined){display:none}status-badge{display:inline-block;padding:0 4px;border-radius:3px;background:#eef}
.detail td{background:#ffd}.busy{opacity:.6}</style></head><body>
<app-header><span slot="title">Customers</span></app-header>
<form id="search" onsubmit="return false"><label>Search <input id="q" name="q" autocomplete="off"></label>
<label>Email <input id="email" type="email" name="email"></label><span id="typed">0 characters</span></form>
<p id="clock">updated 0</p>
<table id="customers"><tbody id="rows">${rows.join('')}</tbody></table>
<table id="live-table"><tbody id="live"></tbody></table>
<script>${PAGE_SCRIPT}</script></body></html>`;
}

/** Runs in the page's own world. No build step: plain ES2020. */
const PAGE_SCRIPT = String.raw`
customElements.define('status-badge', class extends HTMLElement {});
customElements.define('app-header', class extends HTMLElement {
  constructor() { super(); this.attachShadow({ mode: 'open' }).innerHTML = '<nav><a href="/">Home</a> <a href="/reports">Reports</a> <slot name="title"></slot></nav>'; }
});
${ROW_HTML_SOURCE}
document.getElementById('rows').addEventListener('click', (e) => {
  const button = e.target.closest('button[data-row]');
  if (!button) return;
  const tr = button.closest('tr');
  const next = tr.nextElementSibling;
  if (next && next.classList.contains('detail')) { next.remove(); button.textContent = 'Open'; return; }
  const detail = document.createElement('tr');
  detail.className = 'detail';
  detail.innerHTML = '<td colspan="6">Last order shipped to customer' + button.dataset.row + '@example.com, call +44 20 7946 0000</td>';
  tr.after(detail);
  button.textContent = 'Close';
});
document.getElementById('q').addEventListener('input', (e) => {
  document.getElementById('typed').textContent = e.target.value.length + ' characters';
});
let live = 0;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
window.__bench = {
  /** Inserts rows over many tasks, with text and attribute edits in each. */
  async mutate({ tasks, rowsPerTask, edits, gapMs }) {
    const body = document.getElementById('live');
    const rows = document.querySelectorAll('#rows tr.row');
    for (let t = 0; t < tasks; t++) {
      const html = [];
      for (let r = 0; r < rowsPerTask; r++) html.push(rowHtml(1000000 + live++));
      body.insertAdjacentHTML('beforeend', html.join(''));
      for (let k = 0; k < edits; k++) {
        const row = rows[(t * edits + k) % rows.length];
        row.cells[3].textContent = 'Order #' + (5000000 + t * edits + k) + ' updated';
        row.classList.toggle('busy');
        row.setAttribute('aria-busy', String(k % 2 === 0));
      }
      document.getElementById('clock').textContent = 'updated ' + t;
      await sleep(gapMs);
    }
  },
  /** One step of a scripted session: a live table that adds and drops rows, a ticking clock. */
  step(i) {
    const body = document.getElementById('live');
    body.insertAdjacentHTML('beforeend', rowHtml(2000000 + i));
    if (body.rows.length > 20) body.rows[0].remove();
    const rows = document.querySelectorAll('#rows tr.row');
    const row = rows[(i * 7) % rows.length];
    row.cells[3].textContent = 'Order #' + (6000000 + i) + ' updated';
    document.getElementById('clock').textContent = 'updated ' + i;
  },
  /** Resolves once the main thread has had no task delaying a timer for quietMs (any JS world's task delays it). */
  quiet(quietMs, maxMs) {
    return new Promise((resolve) => {
      const tick = 50;
      const start = performance.now();
      let last = start, since = start;
      const check = () => {
        const now = performance.now();
        if (now - last > tick + 25) since = now;
        last = now;
        if (now - since >= quietMs || now - start >= maxMs) resolve(now - start);
        else setTimeout(check, tick);
      };
      setTimeout(check, tick);
    });
  },
};
`;
