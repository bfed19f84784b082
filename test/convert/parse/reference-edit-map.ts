/**
 * An independent, obviously correct way to apply an EditMap's edits (splice them in from the last
 * to the first), swapped in for the patched `consume` to show that the patch changes no output.
 */
import { EditMap } from 'micromark-util-edit-map';

type Edit = [at: number, remove: number, add: unknown[]];
interface EditMapInternals {
  map: Edit[];
  index: Map<number, Edit>;
}

function spliceConsume(this: EditMapInternals, events: unknown[]): void {
  const edits = [...this.map].sort((a, b) => b[0] - a[0]);
  for (const [at, remove, add] of edits) events.splice(at, remove, ...add);
  this.map.length = 0;
  this.index.clear();
}

/** Runs `fn` with `EditMap#consume` replaced by the splice version, then restores it. */
export function withReferenceEditMap<T>(fn: () => T): T {
  const proto = EditMap.prototype as unknown as { consume: (events: unknown[]) => void };
  const patched = proto.consume;
  proto.consume = spliceConsume as (events: unknown[]) => void;
  try {
    return fn();
  } finally {
    proto.consume = patched;
  }
}
