// The version of the compiled-template cache's tree encoding (tree-codec.ts),
// a module of its own so the main process can name its cache without loading
// the template parser.

/** Bump when the encoding or the parser's output changes shape. */
export const CODEC_VERSION = 5;
