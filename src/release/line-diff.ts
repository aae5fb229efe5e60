// A unified line diff (Myers' O(ND) algorithm) for `skiff diff`.

export type DiffOp = { readonly op: ' ' | '-' | '+'; readonly line: string };

/** The shortest edit script turning `a` into `b`, as kept/removed/added lines. */
export function diffLines(a: readonly string[], b: readonly string[]): DiffOp[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const v = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[max + k - 1]! < v[max + k + 1]!) ? v[max + k + 1]! : v[max + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[max + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  // Walk back through the trace to recover the script.
  const ops: DiffOp[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[max + k - 1]! < vd[max + k + 1]!) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : vd[max + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) ops.push({ op: ' ', line: a[--x]! }), y--;
    if (d > 0) {
      if (x === prevX) ops.push({ op: '+', line: b[--y]! });
      else ops.push({ op: '-', line: a[--x]! });
    }
  }
  return ops.reverse();
}

/** Unified-diff hunks ("@@ -a,b +c,d @@") with `context` lines around each change; "" when equal. */
export function unifiedDiff(before: string, after: string, context = 3): string {
  const a = before === '' ? [] : before.replace(/\n$/, '').split('\n');
  const b = after === '' ? [] : after.replace(/\n$/, '').split('\n');
  const ops = diffLines(a, b);
  if (!ops.some((o) => o.op !== ' ')) return '';
  const out: string[] = [];
  let i = 0;
  const posA: number[] = [];
  const posB: number[] = [];
  let ia = 0;
  let ib = 0;
  for (const o of ops) {
    posA.push(ia);
    posB.push(ib);
    if (o.op !== '+') ia++;
    if (o.op !== '-') ib++;
  }
  while (i < ops.length) {
    while (i < ops.length && ops[i]!.op === ' ') i++;
    if (i >= ops.length) break;
    const start = Math.max(0, i - context);
    let end = i;
    for (;;) {
      while (end < ops.length && ops[end]!.op !== ' ') end++;
      let j = end;
      while (j < ops.length && ops[j]!.op === ' ' && j - end < 2 * context) j++;
      if (j < ops.length && ops[j]!.op !== ' ' && j - end <= 2 * context) end = j;
      else break;
    }
    const stop = Math.min(ops.length, end + context);
    const slice = ops.slice(start, stop);
    const la = slice.filter((o) => o.op !== '+').length;
    const lb = slice.filter((o) => o.op !== '-').length;
    out.push(`@@ -${la ? posA[start]! + 1 : posA[start]!},${la} +${lb ? posB[start]! + 1 : posB[start]!},${lb} @@`);
    for (const o of slice) out.push(`${o.op}${o.line}`);
    i = stop;
  }
  return out.join('\n') + '\n';
}
