/**
 * Page-facing callbacks run inside the host page's event dispatch: an
 * exception there must never reach the page. Each one is caught and counted.
 */
export interface Guard {
  /** Wraps fn so that a throw is caught, counted and reported instead of propagating. */
  wrap<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void;
  report(err: unknown): void;
  readonly errorCount: number;
}

export function createGuard(onError: (err: unknown, count: number) => void = () => {}): Guard {
  let errorCount = 0;
  const report = (err: unknown) => {
    errorCount += 1;
    try {
      onError(err, errorCount);
    } catch {
      // The reporter itself failing must not break the page either.
    }
  };
  return {
    wrap:
      (fn) =>
      (...args) => {
        try {
          fn(...args);
        } catch (err) {
          report(err);
        }
      },
    report,
    get errorCount() {
      return errorCount;
    },
  };
}
