// Sprig's getHostByName: answered by the render's DNS bridge (Helm's
// --enable-dns); without it "" as Helm answers when DNS is off.
import type { GoFunc } from '../func-types.js';
import { ctxFn } from './define.js';

export const NETWORK_FUNCS: Record<string, GoFunc> = {
  getHostByName: ctxFn(['string'], 'string', (ctx, name: string) => (ctx.getHostByName ? ctx.getHostByName(name) : '')),
};
