// Entry of the bundled control-plane process (see src/runtime). Filled in by the runtime layer.
export {};
