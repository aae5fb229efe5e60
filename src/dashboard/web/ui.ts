// Small shared pieces of the pages: tables, badges, bars, the confirmation
// dialog. Every piece of outside data is rendered as text.
import { html } from 'htm/preact';
import { useEffect, useRef } from 'preact/hooks';
import type { ComponentChildren } from 'preact';

export { html };

export function ago(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const s = Math.max(0, Math.round((Date.now() - t) / 1000));
  if (s < 90) return `${s}s ago`;
  if (s < 5400) return `${Math.round(s / 60)}m ago`;
  if (s < 129600) return `${Math.round(s / 3600)}h ago`;
  return `${Math.round(s / 86400)}d ago`;
}

export function When({ iso }: { iso: string }) {
  return html`<time datetime=${iso} title=${iso}>${ago(iso)}</time>`;
}

export function Badge({ value }: { value: string }) {
  const tone = /^(deployed|running|succeeded|complete|true|ready|normal)$/i.test(value) ? 'ok' : /fail|error|crash|warning|false|notready/i.test(value) ? 'bad' : /pending|progress|terminating|uninstall/i.test(value) ? 'warn' : 'plain';
  return html`<span class=${`badge ${tone}`}>${value}</span>`;
}

/** A rollout bar: ready out of desired, updated shown behind it. */
export function Bar({ ready, updated, desired, label }: { ready: number; updated: number; desired: number; label: string }) {
  const pct = (n: number) => (desired > 0 ? Math.min(100, Math.round((n / desired) * 100)) : 100);
  return html`<div class="bar" role="progressbar" aria-label=${label} aria-valuemin="0" aria-valuemax=${desired} aria-valuenow=${ready} aria-valuetext=${`${ready} of ${desired} ready, ${updated} updated`}>
    <div class="bar-updated" style=${{ width: `${pct(updated)}%` }}></div>
    <div class="bar-ready" style=${{ width: `${pct(ready)}%` }}></div>
  </div>`;
}

export function KeyValues({ map, label }: { map: Record<string, string>; label: string }) {
  const entries = Object.entries(map);
  if (!entries.length) return html`<span class="muted">none</span>`;
  return html`<ul class="chips" aria-label=${label}>${entries.map(([k, v]) => html`<li class="chip">${k}=${v}</li>`)}</ul>`;
}

export function Problem({ error }: { error?: string }) {
  return error ? html`<p class="problem" role="alert">${error}</p>` : null;
}

export function Loading() {
  return html`<p class="muted" aria-live="polite">Loading…</p>`;
}

export function Table({ caption, head, children }: { caption: string; head: string[]; children: ComponentChildren }) {
  return html`<div class="table-wrap"><table>
    <caption>${caption}</caption>
    <thead><tr>${head.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
    <tbody>${children}</tbody>
  </table></div>`;
}

/** A modal confirmation: Escape or Cancel closes it, the confirm button runs the action. */
export function Confirm({ open, title, children, confirmLabel, onConfirm, onCancel, busy }: { open: boolean; title: string; children: ComponentChildren; confirmLabel: string; onConfirm: () => void; onCancel: () => void; busy?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return html`<dialog ref=${ref} aria-labelledby="confirm-title" onCancel=${(e: Event) => { e.preventDefault(); onCancel(); }}>
    <h2 id="confirm-title">${title}</h2>
    <div>${children}</div>
    <div class="actions">
      <button type="button" onClick=${onCancel}>Cancel</button>
      <button type="button" class="danger" disabled=${busy} onClick=${onConfirm}>${busy ? 'Working…' : confirmLabel}</button>
    </div>
  </dialog>`;
}
