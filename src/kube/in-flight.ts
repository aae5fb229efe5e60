// Requests a transport has in flight, so that close() can wait for them:
// shared by the HTTPS transport and the bundled cluster's socket transport.

export class InFlight {
  private count = 0;
  private drained?: () => void;

  /** Counts one request; the returned function ends it (calling it again does nothing). */
  begin(): () => void {
    this.count++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      if (--this.count === 0) this.drained?.();
    };
  }

  /** Resolves once no request is in flight. */
  async idle(): Promise<void> {
    if (this.count > 0) await new Promise<void>((resolve) => (this.drained = resolve));
  }
}
