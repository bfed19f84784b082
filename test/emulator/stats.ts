/** The request counter: every API request (admin routes excluded), by method and route template. */
export interface EmulatorStats {
  total: number;
  reads: number;
  writes: number;
  byRoute: Record<string, number>;
  faultsInjected: number;
}

export class StatsCounter {
  private s: EmulatorStats = emptyStats();

  count(method: string, template: string): void {
    this.s.total++;
    if (method === 'GET' || method === 'HEAD') this.s.reads++;
    else this.s.writes++;
    const key = `${method} ${template}`;
    this.s.byRoute[key] = (this.s.byRoute[key] ?? 0) + 1;
  }

  fault(): void {
    this.s.faultsInjected++;
  }

  snapshot(): EmulatorStats {
    return { ...this.s, byRoute: { ...this.s.byRoute } };
  }

  reset(): void {
    this.s = emptyStats();
  }
}

function emptyStats(): EmulatorStats {
  return { total: 0, reads: 0, writes: 0, byRoute: {}, faultsInjected: 0 };
}
