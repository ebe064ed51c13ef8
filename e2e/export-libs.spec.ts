import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './support/fixtures';
import type { AgentlabConversation } from '../lib/schema/dataset-views';
import type { StepRow } from '../lib/schema/dataset-row';
import { SCENARIOS } from './libs/scenarios';
import { finishRecording, openRecorded } from './support/record-page';
import { duckQuery, duckRows, jsonLines, runExportCli } from './support/run-export';

/**
 * The action facts of issue #10 through to the exported dataset, on a real
 * component library (MUI, e2e/libs): a dropdown choice recorded through the
 * extension into the server, exported by the real command, read back through
 * DuckDB. The exported step names the option AND the dropdown it was chosen
 * in, and says how (pointer, keyboard), where (point) and at which scale.
 */
type ChoiceLine = {
  action_uid: string;
  value: string;
  via: string | null;
  role: string | null;
  name: string;
  control_role: string | null;
  control_name: string | null;
  control_selectors: number | null;
  point: { x: number; y: number } | null;
  flags: string[];
  instruction: string;
  grounding: string | null;
  verified: boolean | null;
  dpr: number | null;
  dpr_assumed: boolean | null;
};

test('an exported dropdown choice names its control, the gesture and the point, in the row, the grounding text and the AgentLab view', async ({
  server,
  app,
  ext,
}) => {
  test.setTimeout(180_000);
  const mui = SCENARIOS.find((s) => s.lib === 'MUI')!;
  const page = await openRecorded(ext, server, app.origin, `${app.origin}/libs/${mui.page}`);
  // Research in Cost center by mouse, GBP in Currency by keyboard, tabs, a description, a row's Actions menu, Save.
  for (const step of mui.steps) await test.step(step.name, () => step.act(page));
  const session = await finishRecording(ext, server, page);
  expect(session.actions.filter((a) => a.type === 'select').map((a) => a.control?.name)).toEqual(['Cost center', 'Currency', 'Actions']);

  const root = await mkdtemp(path.join(os.tmpdir(), 'webtrace-export-libs-'));
  try {
    const out = path.join(root, 'out');
    const r = await runExportCli(['--data', server.dataDir, '--out', out, '--split-seed', 'libs', '--workers', '1']);
    expect(r.code, r.stderr).toBe(0);
    const select = `s.action_uid, s.action.value as value, s.action.via as via, s.target.role as role, s.target.name as name,
      s.target.control.role as control_role, s.target.control.name as control_name, len(s.target.control.selectors) as control_selectors,
      s.target.point_css as point, s.flags as flags, s.derived.instruction as instruction, g.instruction as grounding,
      list_bool_or(list_transform(s.target.selectors, x -> x.verified)) as verified, s.observation.dpr as dpr, s.observation.dpr_assumed as dpr_assumed`;
    const steps = await duckRows(out, 'steps/*.parquet', 'action_uid');
    expect(steps.length).toBe(session.actions.length);
    const choices = await duckQuery<ChoiceLine>(
      out,
      `select ${select} from {steps} s left join {grounding} g on g.action_uid = s.action_uid where s.action.type = 'select' order by s.step_index`,
    );
    expect(choices).toHaveLength(3);
    const [research, gbp, archive] = choices as [ChoiceLine, ChoiceLine, ChoiceLine];
    expect(research).toMatchObject({
      value: 'Research',
      via: 'pointer',
      role: 'option',
      name: 'Research',
      control_role: 'combobox',
      control_name: 'Cost center',
      verified: true,
      dpr: 1,
      dpr_assumed: false,
    });
    expect(Number(research.control_selectors)).toBeGreaterThan(0);
    expect(research.instruction).toBe('Choose "Research" in the combobox "Cost center"');
    expect(research.grounding).toBe(research.instruction);
    // The recorded pointer position, not a box centre.
    expect(research.point).not.toBeNull();
    expect(research.flags).not.toContain('point_assumed');
    expect(gbp).toMatchObject({ value: 'GBP', via: 'keyboard', control_role: 'combobox', control_name: 'Currency' });
    expect(gbp.instruction).toBe('Choose "GBP" in the combobox "Currency" with the keyboard');

    // A choice in a row's menu: the menu button is its control, the row its context.
    expect(archive).toMatchObject({ value: 'Archive', role: 'menuitem', control_role: 'button', control_name: 'Actions' });
    expect(archive.instruction).toBe('Choose "Archive" in the button "Actions" in the row "EX-1003"');
    const [rowClick] = await duckQuery<{ kinds: string[]; verified: boolean[]; rows: string[]; tried: string[] }>(
      out,
      `select list_transform(target.selectors, x -> x.kind) as kinds,
      list_transform(target.selectors, x -> x.value || ' matched ' || x.match_count::varchar || ' (live ' || x.match_count_recorded::varchar || ')') as tried,
      list_transform(target.selectors, x -> x.verified) as verified, list_transform(list_filter(target.ancestors, a -> a.role = 'row'), a -> a.name) as rows
      from {steps} where action.type = 'click' and target.name = 'Actions'`,
    );
    expect(rowClick!.rows).toEqual(['EX-1003']);
    // The row-anchored selector is exported; whether Playwright's role engine finds it in the replay is
    // printed, not asserted: on MUI's table it finds no role=button "Actions" there (see the closing note).
    const rowSelector = rowClick!.tried[rowClick!.kinds.indexOf('row')]!;
    expect(rowSelector).toMatch(/^role=row\[name\*="EX-1003"\] >> role=button\[name="Actions"\] matched \d+ \(live 1\)$/);
    console.log(
      `MUI row click: row selector verified ${rowClick!.verified[rowClick!.kinds.indexOf('row')]}; ${rowClick!.tried.join('; ')}`,
    );
    expect(rowClick!.verified.some(Boolean), 'some selector of the row click verifies').toBe(true);
    const [submit] = await duckQuery<{ submitter: string; instruction: string }>(
      out,
      `select action.submitter.name as submitter, derived.instruction as instruction from {steps} where action.type = 'submit'`,
    );
    expect(submit).toEqual({ submitter: 'Save', instruction: 'Submit the form "Expense" with the button "Save"' });
    const [share] = await duckQuery<{ verified: number; targeted: number }>(
      out,
      `select count(*) filter (where list_bool_or(list_transform(target.selectors, x -> x.verified))) as verified,
      count(*) as targeted from {steps} where target is not null`,
    );
    console.log(`MUI page: exported steps with a verified selector ${share!.verified}/${share!.targeted}`);
    expect(share!.verified / share!.targeted).toBeGreaterThanOrEqual(0.99);

    const conversations = await jsonLines<AgentlabConversation>(out, 'views/agentlab/*.jsonl');
    const answer = conversations.find((c) => c.id === research.action_uid)!.messages[2].content;
    expect(answer).toContain('<think>\nChoose "Research" in the combobox "Cost center"\n</think>');
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

type FrameLine = Pick<StepRow, 'action_uid' | 'flags'> & {
  type: string;
  name: string;
  frame_path: Array<{ selector: string; node_id: number }>;
  first: string;
  verified: boolean;
  located: string;
  instruction: string;
};

test("an exported step in a same-origin iframe carries its frame path, and selectors in the frame and through a shadow root verify with Playwright's engine", async ({
  server,
  app,
  ext,
}) => {
  test.setTimeout(180_000);
  const page = await openRecorded(ext, server, app.origin, `${app.origin}/frames.html`);
  const frame = page.frameLocator('#search-frame');
  await frame.getByRole('searchbox', { name: 'Search articles' }).click();
  await page.keyboard.type('printer');
  await frame.getByRole('button', { name: 'Search' }).click();
  await expect(frame.locator('body')).toHaveAttribute('data-searched', '1');
  await page.locator('#picker').getByRole('button', { name: 'Travel' }).click();
  const session = await finishRecording(ext, server, page);

  const root = await mkdtemp(path.join(os.tmpdir(), 'webtrace-export-frames-'));
  try {
    const out = path.join(root, 'out');
    const r = await runExportCli(['--data', server.dataDir, '--out', out, '--split-seed', 'frames', '--workers', '1']);
    expect(r.code, r.stderr).toBe(0);
    const rows = await duckQuery<FrameLine>(
      out,
      `select action_uid, flags, action.type as type, target.name as name, target.frame_path as frame_path,
      target.selectors[1].value as first, list_bool_or(list_transform(target.selectors, x -> x.verified)) as verified, target.located as located,
      derived.instruction as instruction from {steps} where target is not null order by step_index`,
    );
    expect(rows.length).toBe(session.actions.filter((a) => a.target).length);
    const inFrame = rows.filter((x) => x.frame_path.length);
    expect(inFrame.map((x) => `${x.type} ${x.name}`)).toEqual([
      'click Search articles',
      'type Search articles',
      'click Search',
      'submit Search articles',
    ]);
    for (const x of inFrame) {
      expect(x.frame_path).toEqual([{ selector: '#search-frame', node_id: expect.any(Number) }]);
      expect(x.verified, `${x.action_uid} ${x.type} ${x.first}`).toBe(true);
      expect(x.instruction).toContain('in an embedded frame');
    }
    const travel = rows.find((x) => x.name === 'Travel')!;
    expect(travel.first).toContain(' >> ');
    expect(travel, travel.first).toMatchObject({ verified: true, located: 'node_id', frame_path: [] });
    console.log(`frames page: verified ${rows.filter((x) => x.verified).length}/${rows.length}`);
    expect(rows.filter((x) => !x.verified).map((x) => `${x.action_uid} ${x.type} ${x.name} ${x.first}`)).toEqual([]);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
