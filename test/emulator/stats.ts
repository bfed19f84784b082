/** The request counter: every API request (admin routes excluded), by method and route template. */
export interface EmulatorStats {
  total: number;
  reads: number;
  writes: number;
  byRoute: Record<string, number>;
  faultsInjected: number;
  /** The most API requests open at one moment (from arrival to the end of the answer). */
  maxInFlight: number;
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

  private open = 0;

  /** A request arrived; the returned function is called once its answer is over. */
  begin(): () => void {
    this.open++;
    this.s.maxInFlight = Math.max(this.s.maxInFlight, this.open);
    let ended = false;
    return () => {
      if (!ended) this.open--;
      ended = true;
    };
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
  return { total: 0, reads: 0, writes: 0, byRoute: {}, faultsInjected: 0, maxInFlight: 0 };
}
