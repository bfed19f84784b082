/**
 * Counts the array elements copied by `slice` and shifted by `splice`, and the elements searches
 * (`find`, `findIndex`, `some`, `every`) look at, while `fn` runs: a measure of work that does not
 * depend on the machine's speed or load. A parser that copies the whole event list per container, or
 * a hook that searches the rest of the page at every block (both were quadratic paths), shows up here
 * as work growing with the square of the size.
 */
export function arrayWork(fn: () => void): number {
  const proto = Array.prototype as unknown as {
    slice: (...args: unknown[]) => unknown[];
    splice: (start: number, deleteCount?: number, ...items: unknown[]) => unknown[];
  };
  const { slice, splice } = proto;
  let work = 0;
  proto.slice = function (this: unknown[], ...args: unknown[]) {
    const out = slice.apply(this, args);
    work += out.length;
    return out;
  };
  proto.splice = function (this: unknown[], start: number, ...rest: unknown[]) {
    const from = start < 0 ? Math.max(this.length + start, 0) : Math.min(start, this.length);
    work += this.length - from + Math.max(rest.length - 1, 0);
    return splice.apply(this, [start, ...rest] as [number, number, ...unknown[]]);
  };
  const searches = ['find', 'findIndex', 'some', 'every'] as const;
  type Search = (this: unknown[], test: (...a: unknown[]) => unknown, self?: unknown) => unknown;
  const searching = proto as unknown as Record<(typeof searches)[number], Search>;
  const originals = searches.map((name) => searching[name]);
  searches.forEach((name, k) => {
    const original = originals[k]!;
    searching[name] = function (this: unknown[], test, self) {
      return original.call(this, (...a: unknown[]) => {
        work += 1;
        return test.apply(self, a);
      });
    };
  });
  try {
    fn();
  } finally {
    proto.slice = slice;
    proto.splice = splice;
    searches.forEach((name, k) => (searching[name] = originals[k]!));
  }
  return work;
}
