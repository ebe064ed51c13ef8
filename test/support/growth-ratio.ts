/**
 * How much longer `run` takes at `large` than at `small` (the best of `tries` each, so one pause of
 * the machine does not count): a test asserts how the cost grows, never how long it takes.
 */
export async function growthRatio(run: (size: number) => unknown, small: number, large: number, tries = 3): Promise<number> {
  const best = async (size: number) => {
    let min = Infinity;
    for (let i = 0; i < tries; i++) {
      const start = performance.now();
      await run(size);
      min = Math.min(min, performance.now() - start);
    }
    return min;
  };
  await run(small); // warm up
  const a = await best(small);
  const b = await best(large);
  // Below a millisecond the clock says little: count it as one.
  return b / Math.max(a, 1);
}
