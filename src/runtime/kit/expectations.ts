// Controller expectations (pkg/controller/controller_utils.go): after asking
// for N creates or deletes, a controller waits to see them in its informer
// before deciding again, so a lagging cache never causes double work. They
// expire, so a lost event cannot wedge a controller.
export class Expectations {
  private readonly m = new Map<string, { adds: number; dels: number; at: number }>();
  constructor(private readonly ttlMs = 30_000) {}

  expect(key: string, adds: number, dels: number): void {
    const e = this.m.get(key) ?? { adds: 0, dels: 0, at: 0 };
    e.adds += adds;
    e.dels += dels;
    e.at = Date.now();
    this.m.set(key, e);
  }

  observeAdd(key: string): void {
    const e = this.m.get(key);
    if (e) e.adds--;
  }

  observeDel(key: string): void {
    const e = this.m.get(key);
    if (e) e.dels--;
  }

  satisfied(key: string): boolean {
    const e = this.m.get(key);
    if (!e) return true;
    if ((e.adds <= 0 && e.dels <= 0) || Date.now() - e.at > this.ttlMs) {
      this.m.delete(key);
      return true;
    }
    return false;
  }

  forget(key: string): void {
    this.m.delete(key);
  }
}
