// `line vty 0 4`: how many sessions each router has open, and whether it can take one more.

export class VtyLines {
  private readonly inUse = new Map<string, number>();

  constructor(private readonly perRouter: number) {}

  /** Takes a line of the router; false when all are busy. */
  take(hostname: string): boolean {
    const used = this.inUse.get(hostname) ?? 0;
    if (used >= this.perRouter) return false;
    this.inUse.set(hostname, used + 1);
    return true;
  }

  release(hostname: string): void {
    const used = this.inUse.get(hostname) ?? 0;
    if (used <= 1) this.inUse.delete(hostname);
    else this.inUse.set(hostname, used - 1);
  }
}
