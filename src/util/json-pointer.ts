// RFC 6901 JSON pointers: "/spec/template/metadata/labels/app.kubernetes.io~1name".

/** The reference tokens of `p` ("" is the whole document); throws for a pointer not starting with "/". */
export function decodePointer(p: string): string[] {
  if (p === '') return [];
  if (!p.startsWith('/')) throw new Error(`JSON pointer must be empty or start with a "/": ${p}`);
  return p
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The pointer of a path of keys and indexes. */
export function encodePointer(path: readonly (string | number)[]): string {
  return path.map((k) => '/' + String(k).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}
