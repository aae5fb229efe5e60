// Entry of the sandboxed render process (see src/render). Filled in by the render layer.
export {};
