import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { test, expect } from './support/fixtures';
import { align, counted, describeAction } from './libs/expected-actions';
import { SCENARIOS } from './libs/scenarios';
import { finishRecording, openRecorded } from './support/record-page';
import { checkReplayedSelectors, openReplay, seek } from './support/replayed-selectors';

/**
 * Real component libraries (e2e/libs/pages, built by scripts/build-libs.mjs),
 * recorded through the built extension into the real server. Per library: a
 * person's gestures by mouse and keyboard; every expected action must come out
 * right (type, control, label, row, via) and no gesture may make a second
 * action. Then every action's first selector is resolved in the replayed DOM
 * and must find exactly its target. Figures go to test-results/lib-figures.jsonl.
 */
const FIGURES = 'test-results/lib-figures.jsonl';
/** Workers are the runner's children: its pid tells this run's lines from earlier runs'. */
const RUN = process.ppid;

for (const scenario of SCENARIOS) {
  test(`${scenario.lib}: each gesture gives its one right action, and its selector finds it in the replay`, async ({
    server,
    app,
    ext,
  }) => {
    const page = await openRecorded(ext, server, app.origin, `${app.origin}/libs/${scenario.page}`);
    for (const step of scenario.steps) await test.step(step.name, () => step.act(page));
    const session = await finishRecording(ext, server, page);

    const result = align(
      session.actions,
      scenario.steps.flatMap((s) => s.expect),
    );
    const replay = await openReplay(ext.context, `${app.origin.replace('127.0.0.1', 'localhost')}/libs/replay.html`, session);
    const replayed = await checkReplayedSelectors(replay, session, scenario.lib);
    // The replay at the end shows the chosen option in every dropdown of the page.
    const end = await seek(replay, session.events.at(-1)!.timestamp - session.events[0]!.timestamp);
    const shown = await Promise.all(
      (scenario.replayShows ?? []).map(async ([css, text]) => [css, text, (await end.locator(css).first().textContent())?.trim()] as const),
    );

    console.log(
      `[libs] ${scenario.lib}: ${result.right}/${result.total} expected actions right, ${result.extra.length} extra; replayed selectors ${replayed.ok}/${replayed.checked}`,
    );
    for (const line of [...result.wrong.map((w) => `wrong: ${w}`), ...result.extra.map((x) => `extra: ${x}`), ...replayed.failures])
      console.log(`[libs]   ${line}`);
    if (result.wrong.length || result.extra.length)
      for (const a of session.actions.filter(counted)) console.log(`[libs]     recorded: ${describeAction(a)}`);
    mkdirSync('test-results', { recursive: true });
    appendFileSync(
      FIGURES,
      `${JSON.stringify({ run: RUN, lib: scenario.lib, right: result.right, total: result.total, extra: result.extra, wrong: result.wrong, replayed })}\n`,
    );

    expect(result.wrong, 'expected actions that did not come out right').toEqual([]);
    expect(result.extra, 'actions no gesture should have made').toEqual([]);
    expect(replayed.failures, 'first selectors that do not find their target in the replay').toEqual([]);
    for (const [css, text, actual] of shown) expect(actual, `replayed ${css}`).toContain(text);
  });
}

test.afterAll(() => {
  if (!existsSync(FIGURES)) return;
  type Line = {
    run: number;
    lib: string;
    right: number;
    total: number;
    extra: string[];
    replayed: { checked: number; ok: number; failures: string[] };
  };
  const byLib = new Map<string, Line>();
  for (const text of readFileSync(FIGURES, 'utf8').split('\n').filter(Boolean)) {
    const line = JSON.parse(text) as Line;
    if (line.run === RUN) byLib.set(line.lib, line);
  }
  const lines = [...byLib.values()];
  const sum = (f: (l: Line) => number) => lines.reduce((n, l) => n + f(l), 0);
  const [right, total, extra, checked, ok] = [
    sum((l) => l.right),
    sum((l) => l.total),
    sum((l) => l.extra.length),
    sum((l) => l.replayed.checked),
    sum((l) => l.replayed.ok),
  ];
  const share = checked ? ((100 * ok) / checked).toFixed(1) : 'n/a';
  console.log(
    `[libs] ${lines.length} libraries so far: ${right}/${total} expected actions right, ${extra} extra; replayed first selectors find their target: ${ok}/${checked} (${share}%)`,
  );
  for (const failure of lines.flatMap((l) => l.replayed.failures)) console.log(`[libs]   ${failure}`);
});
