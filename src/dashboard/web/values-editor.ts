// Upgrade with edited values: the current user values in a text editor,
// checked against the chart's values.schema.json as they are typed (the
// server runs the same check the upgrade will), then an upgrade behind a
// confirmation. Redacted credentials left as shown keep their value.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html, Confirm, Problem } from './ui.js';
import { getJSON, postJSON } from './client.js';

interface Check { errors: string[] }

export function ValuesEditor({ base, name, revision, onClose }: { base: string; name: string; revision: number; onClose: () => void }) {
  const [text, setText] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string>();
  const [check, setCheck] = useState<{ errors: string[]; pending: boolean }>({ errors: [], pending: false });
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const seq = useRef(0);

  useEffect(() => {
    getJSON<{ text: string }>(`${base}/values?revision=${revision}`).then((d) => setText(d.text), (e: Error) => setLoadError(e.message));
  }, [base, revision]);

  useEffect(() => {
    if (text === null) return;
    const mine = ++seq.current;
    setCheck((c) => ({ ...c, pending: true }));
    const t = setTimeout(() => {
      postJSON<Check>(`${base}/values/check`, { values: text, revision }).then(
        (r) => mine === seq.current && setCheck({ errors: r.errors, pending: false }),
        (e: Error) => mine === seq.current && setCheck({ errors: [e.message], pending: false }),
      );
    }, 250);
    return () => clearTimeout(t);
  }, [text]);

  const upgrade = async () => {
    setBusy(true);
    try {
      const r = await postJSON<{ revision: number; status: string }>(`${base}/upgrade`, { values: text, revision });
      setOutcome({ ok: true, text: `Upgraded ${name}: revision ${r.revision} is ${r.status}.` });
    } catch (e) {
      setOutcome({ ok: false, text: (e as Error).message });
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  const valid = !check.pending && check.errors.length === 0;
  return html`<section aria-labelledby="h-edit" class="editor">
    <h2 id="h-edit">Edit values of revision ${revision}</h2>
    <${Problem} error=${loadError} />
    ${text !== null && html`
      <label for="values-text">User values (YAML). Redacted credentials left as shown keep their value.</label>
      <textarea id="values-text" spellcheck="false" rows="14" aria-describedby="values-check" aria-invalid=${check.errors.length > 0}
        value=${text} onInput=${(e: Event) => setText((e.target as HTMLTextAreaElement).value)}></textarea>
      <div id="values-check" aria-live="polite">
        ${check.pending ? html`<p class="muted">Checking…</p>` : check.errors.length ? html`<ul class="problem" data-testid="values-errors">${check.errors.map((e) => html`<li>${e}</li>`)}</ul>` : html`<p class="outcome">Valid against the chart's schema.</p>`}
      </div>
      <div class="actions">
        <button type="button" onClick=${onClose}>Close</button>
        <button type="button" class="danger" disabled=${!valid} onClick=${() => setConfirming(true)}>Upgrade…</button>
      </div>
      ${outcome && html`<p class=${outcome.ok ? 'outcome' : 'problem'} role="status">${outcome.text}</p>`}
      <${Confirm} open=${confirming} busy=${busy} title="Please confirm" confirmLabel="Upgrade" onConfirm=${upgrade} onCancel=${() => setConfirming(false)}>
        <p>Upgrade ${name} with these values? This creates a new revision with the chart of revision ${revision}.</p>
      <//>`}
  </section>`;
}
