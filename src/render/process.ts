// Parent side of the sandboxed render process (filled in below).
import type { Chart, Values } from '../chart/types.js';
import type { RenderOptions, RenderedChart } from './index.js';
import { RenderError } from '../errors.js';

export async function renderInSandbox(_chart: Chart, _values: Values, _opts: RenderOptions): Promise<RenderedChart> {
  throw new RenderError('the render process is not available in this build yet');
}
