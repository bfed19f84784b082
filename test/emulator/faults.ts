/**
 * Fault injection, applied to every API request before routing: latency, scripted failures
 * (failNext, consumed in order), then random lost / 429 / 5xx / reset / hang drawn from a seeded PRNG.
 * A "lost" response is the one a client must survive without duplicating a page: the request is
 * served (the write is applied) but the connection is reset instead of answering.
 */
import { z } from 'zod';

export const faultsSchema = z.object({
  rate429: z.number().min(0).max(1).optional(),
  retryAfterSeconds: z.number().min(0).optional(),
  rate5xx: z.number().min(0).max(1).optional(),
  rateReset: z.number().min(0).max(1).optional(),
  rateHang: z.number().min(0).max(1).optional(),
  hangMs: z.number().int().min(0).optional(),
  rateLost: z.number().min(0).max(1).optional(),
  lostHangMs: z.number().int().min(0).optional(),
  latencyMs: z.number().int().min(0).optional(),
  writesOnly: z.boolean().optional(),
  seed: z.number().int().optional(),
  failNext: z
    .array(
      z.object({
        status: z.union([
          z.number().int().min(100).max(599),
          z.literal('reset'),
          z.literal('hang'),
          z.literal('lost'),
        ]),
        times: z.number().int().min(1).optional(),
        method: z.string().optional(),
        pathIncludes: z.string().optional(),
        retryAfter: z.string().optional(),
      }),
    )
    .optional(),
});

export type Faults = z.infer<typeof faultsSchema>;

export type FaultAction =
  | { kind: 'status'; status: number; retryAfter?: string }
  | { kind: 'reset' }
  | { kind: 'hang'; ms: number }
  /** Serve the request, then hold the connection for ms (0: none) and reset it instead of answering. */
  | { kind: 'lost'; ms: number };

/** mulberry32: small, fast, deterministic. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'DELETE', 'PATCH']);

export class FaultInjector {
  private faults: Faults | null = null;
  private random: () => number = Math.random;
  /** Remaining uses of each failNext entry. */
  private script: { entry: NonNullable<Faults['failNext']>[number]; left: number }[] = [];

  set(faults: Faults | null): void {
    this.faults = faults;
    this.random = prng(faults?.seed ?? Date.now());
    this.script = (faults?.failNext ?? []).map((entry) => ({ entry, left: entry.times ?? 1 }));
  }

  get latencyMs(): number {
    return this.faults?.latencyMs ?? 0;
  }

  /** The fault to inject for this request, or null to serve it. */
  decide(method: string, path: string): FaultAction | null {
    const f = this.faults;
    if (!f) return null;
    const scripted = this.script.find(
      (s) =>
        s.left > 0 &&
        (s.entry.method === undefined || s.entry.method.toUpperCase() === method) &&
        (s.entry.pathIncludes === undefined || path.includes(s.entry.pathIncludes)),
    );
    if (scripted) {
      scripted.left--;
      const { status, retryAfter } = scripted.entry;
      if (status === 'reset') return { kind: 'reset' };
      if (status === 'hang') return { kind: 'hang', ms: f.hangMs ?? 60_000 };
      if (status === 'lost') return { kind: 'lost', ms: f.lostHangMs ?? 0 };
      return {
        kind: 'status',
        status,
        retryAfter: retryAfter ?? (status === 429 ? String(f.retryAfterSeconds ?? 1) : undefined),
      };
    }
    const write = WRITE_METHODS.has(method);
    if (f.writesOnly && !write) return null;
    // Only writes: a lost read is no different from a reset.
    if (write && this.hit(f.rateLost)) return { kind: 'lost', ms: f.lostHangMs ?? 0 };
    if (this.hit(f.rateHang)) return { kind: 'hang', ms: f.hangMs ?? 60_000 };
    if (this.hit(f.rateReset)) return { kind: 'reset' };
    if (this.hit(f.rate429))
      return { kind: 'status', status: 429, retryAfter: String(f.retryAfterSeconds ?? 1) };
    if (this.hit(f.rate5xx)) {
      const status = [500, 502, 503][Math.floor(this.random() * 3)] ?? 500;
      return {
        kind: 'status',
        status,
        retryAfter: status === 503 ? String(f.retryAfterSeconds ?? 1) : undefined,
      };
    }
    return null;
  }

  private hit(rate: number | undefined): boolean {
    return rate !== undefined && rate > 0 && this.random() < rate;
  }
}

/** Headers of an injected 429 (Cloud rate limiting). */
export function rateLimitHeaders(retryAfter: string | undefined): Record<string, string> {
  const reset = new Date(Date.now() + 60_000).toISOString().slice(0, 16) + 'Z';
  return {
    ...(retryAfter !== undefined ? { 'Retry-After': retryAfter } : {}),
    'X-RateLimit-Limit': '100',
    'X-RateLimit-Remaining': '0',
    'X-RateLimit-Reset': reset,
    'X-RateLimit-NearLimit': 'true',
    'RateLimit-Reason': 'confluence-quota-tenant-based',
  };
}
