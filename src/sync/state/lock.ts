/**
 * A tiny in-process mutex: tasks passed to `run` execute one at a time, in call order. apply
 * runs page operations concurrently but every manifest save goes through one of these, so the
 * file on disk always holds a complete, consistent snapshot.
 */
export interface SerialQueue {
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Resolves when everything queued so far has finished. */
  idle(): Promise<void>;
}

export function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      const next = tail.then(task, task);
      tail = next.catch(() => undefined);
      return next;
    },
    idle(): Promise<void> {
      return tail.then(() => undefined);
    },
  };
}
