const DAY_MS = 86_400_000;

/**
 * Bytes stored per install per UTC day, for the per-install daily cap. Kept in
 * memory: a restart starts the day's count again (the cap bounds a runaway or
 * hostile install, it is not an accounting record).
 */
export class InstallUsage {
  #day = -1;
  readonly #bytes = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  used(installId: string): number {
    this.#roll();
    return this.#bytes.get(installId) ?? 0;
  }

  add(installId: string, bytes: number): void {
    this.#roll();
    this.#bytes.set(installId, (this.#bytes.get(installId) ?? 0) + bytes);
  }

  /** Counts `bytes` now; the returned function takes them back (once, and only the same day). */
  reserve(installId: string, bytes: number): () => void {
    this.add(installId, bytes);
    const day = this.#day;
    let done = false;
    return () => {
      this.#roll();
      if (done || day !== this.#day) return;
      done = true;
      this.#bytes.set(installId, Math.max(0, (this.#bytes.get(installId) ?? 0) - bytes));
    };
  }

  /** Until the count starts again. */
  msUntilNextDay(): number {
    return DAY_MS - (this.now() % DAY_MS);
  }

  #roll(): void {
    const day = Math.floor(this.now() / DAY_MS);
    if (day !== this.#day) {
      this.#day = day;
      this.#bytes.clear();
    }
  }
}
