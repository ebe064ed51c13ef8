import { describe, expect, it } from 'vitest';
import { createEventScrubber } from '../../lib/privacy/event-scrubber';
import type { NodeProbe } from '../../lib/privacy/scrub-context';
import { ACTION_EVENT_TAG } from '../../lib/schema/action';
import { add, allText, custom, doc, el, findNode, fullSnapshot, input, meta, mutation, page, snapshotNode, text } from './rrweb-fixtures';

const device = (probe: Partial<NodeProbe> = {}, maskAllText = false) =>
  createEventScrubber({
    mode: 'device',
    maskAllText,
    probe: { blocked: () => false, masked: () => false, valueAllowed: () => false, exists: () => true, ...probe },
  });

describe('full snapshots', () => {
  it('scrubs PII in text, title and attributes; URLs lose query values; layout attributes are untouched', () => {
    const s = device();
    const out = snapshotNode(
      s.scrub(
        fullSnapshot(
          page(
            [
              el(10, 'p', { title: 'Owner ada@x.io', 'aria-label': 'Call +44 20 7946 0958' }, [
                text(11, 'Card 4111 1111 1111 1111 on file'),
              ]),
              el(12, 'a', { href: 'http://127.0.0.1/reset?token=abc123#access_token=z' }, [text(13, 'Reset')]),
              el(14, 'img', { src: 'https://cdn.test/u/48213/a.png?sig=xyz', alt: 'ada@x.io', width: '40' }),
              el(15, 'path', { d: 'M4111 1111 1111 1111L0 0' }),
            ],
            'Inbox of ada@x.io',
          ),
        ),
      ),
    );
    expect(findNode(out, 5)!.textContent).toBe('Inbox of [email:s]');
    expect(findNode(out, 10)!.attributes).toEqual({ title: 'Owner [email:s]', 'aria-label': 'Call [phone:m]' });
    expect(findNode(out, 11)!.textContent).toBe('Card [card:l] on file');
    expect(findNode(out, 12)!.attributes!.href).toBe('http://127.0.0.1/reset?token=[withheld]#[withheld]');
    expect(findNode(out, 14)!.attributes).toEqual({ src: 'https://cdn.test/u/[id]/a.png?sig=[withheld]', alt: '[email:s]', width: '40' });
    expect(findNode(out, 15)!.attributes!.d).toBe('M4111 1111 1111 1111L0 0');
  });

  it('masks every value attribute of fields: text, hidden, checkbox, select, option, textarea; keeps button labels', () => {
    const out = snapshotNode(
      device().scrub(
        fullSnapshot(
          page([
            el(10, 'input', { type: 'text', value: 'typed-secret' }),
            el(11, 'input', { type: 'hidden', value: 'csrf-token-value' }),
            el(12, 'input', { type: 'checkbox', value: 'opt-in-secret', checked: true }),
            el(13, 'select', { value: 'sel-secret' }, [el(14, 'option', { value: 'opt-secret' }, [text(15, 'Standard')])]),
            el(16, 'textarea', { value: 'notes-secret' }, [text(17, 'default-secret')]),
            el(18, 'input', { type: 'submit', value: 'Send to ada@x.io' }),
            el(19, 'progress', { value: '70', max: '100' }),
          ]),
        ),
      ),
    );
    const raw = allText(out);
    for (const secret of [
      'typed-secret',
      'csrf-token-value',
      'opt-in-secret',
      'sel-secret',
      'opt-secret',
      'notes-secret',
      'default-secret',
    ]) {
      expect(raw).not.toContain(secret);
    }
    expect(findNode(out, 10)!.attributes!.value).toBe('************');
    expect(findNode(out, 12)!.attributes!.checked).toBe(true);
    expect(findNode(out, 15)!.textContent).toBe('Standard'); // the visible label follows the PII rules only
    expect(findNode(out, 17)!.textContent).toBe('**************');
    expect(findNode(out, 18)!.attributes!.value).toBe('Send to [email:s]');
    expect(findNode(out, 19)!.attributes!.value).toBe('70');
  });

  it('blocked elements become placeholders with their size; nothing inside survives', () => {
    const out = snapshotNode(
      device().scrub(
        fullSnapshot(
          page([
            el(10, 'div', { 'data-webtrace-block': '', class: 'panel', title: 'secret-title' }, [text(11, 'blocked-secret')]),
            el(12, 'div', { class: 'card', rr_width: '200px', rr_height: '50px' }, [], { needBlock: true }),
          ]),
        ),
      ),
    );
    expect(findNode(out, 10)).toEqual({ type: 2, id: 10, tagName: 'div', attributes: { class: 'panel' }, childNodes: [], needBlock: true });
    expect(findNode(out, 12)!.attributes).toEqual({ class: 'card', rr_width: '200px', rr_height: '50px' });
    expect(allText(out)).not.toContain('secret');
  });

  it('masked regions mask text and shown attributes (not test ids); editable regions mask their content', () => {
    const out = snapshotNode(
      device().scrub(
        fullSnapshot(
          page([
            el(10, 'section', { 'data-webtrace-mask': '' }, [
              el(11, 'span', { title: 'Ada Lovelace', 'data-name': 'Ada', 'data-testid': 'owner', class: 'x' }, [text(12, 'Ada Lovelace')]),
            ]),
            el(13, 'div', { contenteditable: 'true', 'aria-label': 'Comment' }, [el(14, 'b', {}, [text(15, 'typed words')])]),
          ]),
        ),
      ),
    );
    expect(findNode(out, 11)!.attributes).toEqual({ title: '*** ********', 'data-name': '***', 'data-testid': 'owner', class: 'x' });
    expect(findNode(out, 12)!.textContent).toBe('*** ********');
    expect(findNode(out, 13)!.attributes!['aria-label']).toBe('Comment');
    expect(findNode(out, 15)!.textContent).toBe('***** *****');
  });

  it('admin selectors come from the page (probe); maskAllText masks all text', () => {
    const probe = { blocked: (id: number) => id === 10, masked: (id: number) => id === 12 };
    const out = snapshotNode(
      device(probe).scrub(
        fullSnapshot(page([el(10, 'div', {}, [text(11, 'admin-blocked')]), el(12, 'p', {}, [text(13, 'admin masked')])])),
      ),
    );
    expect(findNode(out, 10)!.childNodes).toEqual([]);
    expect(findNode(out, 13)!.textContent).toBe('***** ******');
    const all = snapshotNode(device({}, true).scrub(fullSnapshot(page([el(10, 'button', { title: 'Save' }, [text(11, 'Save now')])]))));
    expect(findNode(all, 11)!.textContent).toBe('**** ***');
    expect(findNode(all, 10)!.attributes!.title).toBe('****');
    expect(findNode(all, 5)!.textContent).toBe('******'); // the title too
  });

  it('shadow roots and same-origin iframe documents are walked like the page, inheriting regions', () => {
    const out = snapshotNode(
      device().scrub(
        fullSnapshot(
          page([
            el(10, 'x-card', {}, [el(11, 'span', {}, [text(12, 'shadow ada@x.io')], { isShadow: true })], { isShadowHost: true }),
            el(20, 'iframe', { 'data-webtrace-mask': '' }, [
              doc(21, [el(22, 'html', {}, [el(23, 'body', {}, [text(24, 'inside frame')])])]),
            ]),
            el(30, 'iframe', {}, [doc(31, [el(32, 'input', { value: 'frame-typed' })])]),
          ]),
        ),
      ),
    );
    expect(findNode(out, 12)!.textContent).toBe('shadow [email:s]');
    expect(findNode(out, 24)!.textContent).toBe('****** *****');
    expect(findNode(out, 32)!.attributes!.value).toBe('***********');
  });

  it('a card number split across inline elements is found joined; block boundaries keep cells apart', () => {
    const out = snapshotNode(
      device().scrub(
        fullSnapshot(
          page([
            el(10, 'p', {}, [
              text(11, 'Card: 4111'),
              el(12, 'span', {}, [text(13, ' 1111 ')]),
              el(14, 'span', {}, [text(15, '1111')]),
              text(16, ' '),
              el(17, 'b', {}, [text(18, '1111 exp 12/27')]),
            ]),
            el(20, 'table', {}, [
              el(21, 'td', {}, [text(22, '4111')]),
              el(23, 'td', {}, [text(24, '1111')]),
              el(25, 'td', {}, [text(26, '1111')]),
              el(27, 'td', {}, [text(28, '1111')]),
            ]),
          ]),
        ),
      ),
    );
    expect([11, 13, 15, 18].map((id) => findNode(out, id)!.textContent)).toEqual(['Card: [card:l]', '', '', ' exp 12/27']);
    expect([22, 24, 26, 28].map((id) => findNode(out, id)!.textContent)).toEqual(['4111', '1111', '1111', '1111']);
  });

  it('style text keeps its CSS but not the tokens in its URLs; scripts stay placeholders', () => {
    const out = snapshotNode(
      device().scrub(
        fullSnapshot(
          page([
            el(10, 'style', {}, [text(11, '.a{background:url(/img.png?sig=abc)} .b{width:4111111111111111px}')]),
            el(12, 'div', { style: 'background:url("/u/99999/bg.png")' }),
            el(13, 'script', {}, [text(14, 'var token="sk_live_abcdefghijkl"')]),
          ]),
        ),
      ),
    );
    expect(findNode(out, 11)!.textContent).toBe('.a{background:url(/img.png?sig=[withheld])} .b{width:4111111111111111px}');
    expect(findNode(out, 12)!.attributes!.style).toBe('background:url("/u/[id]/bg.png")');
    expect(findNode(out, 14)!.textContent).toBe('SCRIPT_PLACEHOLDER');
  });

  it('never modifies the event it is given', () => {
    const event = fullSnapshot(page([el(10, 'p', {}, [text(11, 'ada@x.io')])]));
    const before = JSON.stringify(event);
    device().scrub(event);
    expect(JSON.stringify(event)).toBe(before);
  });
});

describe('incremental events', () => {
  const base = () => {
    const s = device();
    s.scrub(
      fullSnapshot(
        page([
          el(10, 'input', { type: 'text', name: 'q' }),
          el(11, 'input', { type: 'password' }),
          el(12, 'div', { 'data-webtrace-block': '' }),
          el(13, 'div', { 'data-webtrace-mask': '' }, [text(14, 'masked')]),
          el(15, 'p', {}, [text(16, 'hello')]),
          el(17, 'textarea', {}),
          el(18, 'input', { type: 'checkbox', value: 'c' }),
        ]),
      ),
    );
    return s;
  };

  it('input events: values masked, checkbox states kept, blocked fields dropped', () => {
    const s = base();
    expect((s.scrub(input(10, 'typed text'))!.data as { text: string }).text).toBe('**********');
    expect(s.scrub(input(18, 'consent-value', true))!.data).toMatchObject({ text: '*************', isChecked: true });
    s.scrub(mutation({ adds: [add(12, el(40, 'input', {}))] })); // rrweb would not even emit it
    expect(s.scrub(input(40, 'x'))).toBeNull();
  });

  it('values are kept only where the probe allows, and never for never-captured fields', () => {
    const s = createEventScrubber({
      mode: 'device',
      probe: { blocked: () => false, masked: () => false, valueAllowed: () => true, exists: () => true },
    });
    s.scrub(
      fullSnapshot(
        page([el(10, 'input', { name: 'city' }), el(11, 'input', { autocomplete: 'cc-number' }), el(12, 'input', { name: 'otp' })]),
      ),
    );
    expect((s.scrub(input(10, 'Paris, ada@x.io'))!.data as { text: string }).text).toBe('Paris, [email:s]');
    expect((s.scrub(input(11, '4111111111111111'))!.data as { text: string }).text).toBe('****************');
    expect((s.scrub(input(12, '123456'))!.data as { text: string }).text).toBe('******');
  });

  it('text changes follow their node: PII scrubbed, masked regions masked, textareas masked, blocked dropped', () => {
    const s = base();
    s.scrub(mutation({ adds: [add(12, text(41, 'x')), add(17, text(42, 'x'))] }));
    const out = s.scrub(
      mutation({
        texts: [
          { id: 16, value: 'now ada@x.io' },
          { id: 14, value: 'still secret' },
          { id: 42, value: 'typed in textarea' },
          { id: 41, value: 'inside blocked' },
        ],
      }),
    )!.data as { texts: Array<{ id: number; value: string }> };
    expect(out.texts).toEqual([
      { id: 16, value: 'now [email:s]' },
      { id: 14, value: '***** ******' },
      { id: 42, value: '***** ** ********' },
    ]);
  });

  it('attribute changes: value attributes masked (controlled inputs), URLs scrubbed, blocked dropped', () => {
    const s = base();
    const out = s.scrub(
      mutation({
        attributes: [
          { id: 10, attributes: { value: 'controlled-secret', title: 'for ada@x.io' } },
          { id: 15, attributes: { 'data-href': 'x', href: '/u/123456?t=1', style: { background: 'url(/a.png?sig=s)' } } },
          { id: 12, attributes: { title: 'blocked-secret' } },
        ],
      }),
    )!.data as { attributes: Array<{ id: number; attributes: Record<string, unknown> }> };
    expect(out.attributes).toEqual([
      { id: 10, attributes: { value: '*****************', title: 'for [email:s]' } },
      { id: 15, attributes: { 'data-href': 'x', href: '/u/[id]?t=[withheld]', style: { background: 'url(/a.png?sig=[withheld])' } } },
    ]);
  });

  it('a password field stays never-captured after "show password" makes it text', () => {
    const s = createEventScrubber({
      mode: 'device',
      probe: { blocked: () => false, masked: () => false, valueAllowed: () => true, exists: () => true },
    });
    s.scrub(fullSnapshot(page([el(10, 'input', { type: 'password' })])));
    s.scrub(mutation({ attributes: [{ id: 10, attributes: { type: 'text' } }] }));
    expect((s.scrub(input(10, 'hunter2'))!.data as { text: string }).text).toBe('*******');
  });

  it('added subtrees: regions inherited from existing parents, marked regions, hidden inputs, split numbers', () => {
    const s = base();
    const out = s.scrub(
      mutation({
        adds: [
          add(15, el(50, 'span', {}, []), 52),
          add(50, text(51, 'Call 555')),
          add(15, el(52, 'span', {}, []), null),
          add(52, text(53, '-123-4567')),
          add(13, el(54, 'em', {}, [])),
          add(54, text(55, 'Ada')),
          add(6, el(56, 'input', { type: 'hidden', value: 'hidden-secret' })),
          add(12, el(57, 'p', {}, [text(58, 'in blocked')])),
        ],
      }),
    )!.data as { adds: Array<{ node: { id: number; textContent?: string; attributes?: Record<string, unknown> } }> };
    const byId = new Map(out.adds.map((a) => [a.node.id, a.node]));
    expect(byId.get(55)!.textContent).toBe('***');
    expect(byId.get(56)!.attributes!.value).toBe('*************');
    expect(byId.has(57)).toBe(false);
    expect(allText(out)).not.toContain('123-4567');
  });

  it('text added at once under a textarea or an editable region (a paste) is masked', () => {
    const s = device();
    s.scrub(fullSnapshot(page([el(10, 'div', { contenteditable: 'true' }), el(11, 'textarea', {})])));
    const out = s.scrub(mutation({ adds: [add(10, text(20, 'pasted words')), add(11, text(21, 'pasted too'))] }))!.data;
    expect(allText(out)).not.toContain('pasted');
  });

  it('a region marked later masks what comes after; removed nodes are forgotten', () => {
    const s = base();
    s.scrub(mutation({ attributes: [{ id: 15, attributes: { 'data-webtrace-mask': '' } }] }));
    const texts = (s.scrub(mutation({ texts: [{ id: 16, value: 'later' }] }))!.data as { texts: Array<{ value: string }> }).texts;
    expect(texts[0]!.value).toBe('*****');
    s.scrub(
      mutation({
        removes: [
          { parentId: 6, id: 15 },
          { parentId: 15, id: 16 },
        ],
      }),
    );
    // Unknown now: on the device, text of a node never seen is masked.
    expect((s.scrub(mutation({ texts: [{ id: 16, value: 'ghost' }] }))!.data as { texts: Array<{ value: string }> }).texts[0]!.value).toBe(
      '*****',
    );
  });

  it('meta href, custom action payloads and stylesheet rules are scrubbed; canvas and logs dropped', () => {
    const s = base();
    expect((s.scrub(meta('https://x.test/u/12345?token=abc'))!.data as { href: string }).href).toBe(
      'https://x.test/u/[id]?token=[withheld]',
    );
    const action = {
      type: 'click',
      t: 1,
      url: 'https://x.test/#access_token=abc',
      target: {
        tag: 'button',
        role: 'button',
        name: 'Email ada@x.io',
        label: 'Card 4111 1111 1111 1111',
        nodeId: 3,
        bbox: null,
        ancestors: [{ role: 'dialog', name: 'Contact +44 20 7946 0958' }],
        selectors: [{ kind: 'role', value: 'role=button[name="Email ada@x.io"]', matches: 1 }],
      },
      value: { kind: 'label', label: 'ada@x.io' },
    };
    const clean = s.scrub(custom(ACTION_EVENT_TAG, action))!.data as { payload: typeof action };
    expect(clean.payload.url).toBe('https://x.test/#[withheld]');
    expect(clean.payload.target.name).toBe('Email [email:s]');
    expect(clean.payload.target.label).toBe('Card [card:l]');
    expect(clean.payload.target.ancestors[0]!.name).toBe('Contact [phone:m]');
    expect(clean.payload.target.selectors[0]!.value).toBe('role=button[name="Email [email:s]"]');
    expect(clean.payload.value.label).toBe('[email:s]');
    const rule = s.scrub({ type: 3, timestamp: 1, data: { source: 8, id: 1, adds: [{ rule: 'a{background:url(/x?t=1)}', index: 0 }] } });
    expect(allText(rule)).toContain('t=[withheld]');
    expect(s.scrub({ type: 3, timestamp: 1, data: { source: 9, id: 1, commands: [] } })).toBeNull();
    expect(s.scrub({ type: 6, timestamp: 1, data: { plugin: 'x', payload: 'ada@x.io' } })).toBeNull();
  });
});

describe('server mode (no page, no policy)', () => {
  it('PII-scrubs nodes it never saw instead of masking them, still masks never-captured values', () => {
    const s = createEventScrubber({ mode: 'server' });
    const out = s.scrub(
      mutation({ texts: [{ id: 99, value: 'hello ada@x.io' }], attributes: [{ id: 98, attributes: { value: 'Paris' } }] }),
    )!.data as { texts: Array<{ value: string }>; attributes: Array<{ attributes: Record<string, string> }> };
    expect(out.texts[0]!.value).toBe('hello [email:s]');
    expect(out.attributes[0]!.attributes.value).toBe('Paris');
    s.scrub(fullSnapshot(page([el(10, 'input', { type: 'password', value: 'hunter2' }), el(11, 'input', { value: 'ada@x.io' })])));
    expect((s.scrub(input(10, 'hunter2'))!.data as { text: string }).text).toBe('*******');
    expect((s.scrub(input(11, 'ada@x.io'))!.data as { text: string }).text).toBe('[email:s]');
  });

  it('is idempotent over what the device produced', () => {
    const d = device();
    const events = [
      meta('https://x.test/u/12345?token=abc'),
      fullSnapshot(page([el(10, 'p', { title: 'ada@x.io' }, [text(11, 'card 4111 1111 1111 1111 and +44 20 7946 0958')])])),
      mutation({ texts: [{ id: 11, value: 'ssn 123-45-6789' }] }),
    ].map((e) => d.scrub(e)!);
    const server = createEventScrubber({ mode: 'server' });
    expect(events.map((e) => server.scrub(e))).toEqual(events);
  });
});

describe('memory in long sessions', () => {
  it('forgets removed nodes once many were seen', () => {
    const alive = new Set<number>();
    const s = device({ exists: (id) => alive.has(id) || id < 100 });
    s.scrub(fullSnapshot(page([])));
    for (let batch = 0; batch < 50; batch++) {
      const adds = Array.from({ length: 1000 }, (_, i) => add(6, text(100 + batch * 1000 + i, 'x')));
      s.scrub(mutation({ adds }));
    }
    expect(s.nodeCount).toBeLessThan(25_000);
  });
});

describe('a full snapshot scrubbed in slices', () => {
  /** A page of `rows` rows, each an element holding an email and a phone in inline runs. */
  const bigPage = (rows: number) =>
    fullSnapshot(
      page(
        Array.from({ length: rows }, (_, r) =>
          el(1000 + r * 10, 'p', {}, [
            text(1001 + r * 10, `Row ${r}: ada${r}@x.io, call +44 20 `),
            el(1002 + r * 10, 'b', {}, [text(1003 + r * 10, '7946 0958')]),
          ]),
        ),
      ),
    );

  it('yields between slices of a big page and gives exactly what the one-step scrub gives', () => {
    const snapshot = bigPage(3000); // 12,000 nodes and more
    const whole = device().scrub(snapshot);
    const work = device().scrubInSlices(snapshot);
    let yields = 0;
    let step = work.next();
    while (!step.done) {
      yields += 1;
      step = work.next();
    }
    expect(yields).toBeGreaterThanOrEqual(5);
    expect(step.value).toEqual(whole);
    expect(allText(snapshotNode(step.value))).not.toMatch(/ada\d+@x\.io|7946 0958/);
  });

  it('does not yield for other events', () => {
    const work = device().scrubInSlices(meta('http://127.0.0.1/a?token=x'));
    const step = work.next();
    expect(step.done).toBe(true);
  });
});
