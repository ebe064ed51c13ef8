// Loaded into the ingestion server's process by the benchmark (node --expose-gc --import):
// every few seconds it collects garbage and writes the heap in use to $WEBTRACE_BENCH_HEAP_FILE.
import { writeFileSync } from 'node:fs';

const file = process.env.WEBTRACE_BENCH_HEAP_FILE;
if (file) {
  const write = () => {
    globalThis.gc?.();
    writeFileSync(file, JSON.stringify({ at: Date.now(), heapUsed: process.memoryUsage().heapUsed }));
  };
  write();
  setInterval(write, 5000).unref();
}
