import { describe, expect, it } from 'vitest';
import { scrubCssUrls, scrubSrcset } from '../../lib/privacy/scrub-css';
import { scrubUrl } from '../../lib/privacy/scrub-url';

describe('scrubUrl', () => {
  it('keeps scheme, host, port and route; withholds query values and drops user info', () => {
    expect(scrubUrl('https://ada:pw@app.example.com:8443/orders?status=open&token=abc#top')).toBe(
      'https://app.example.com:8443/orders?status=[withheld]&token=[withheld]#top',
    );
    expect(scrubUrl('http://127.0.0.1:5173/app/orders')).toBe('http://127.0.0.1:5173/app/orders');
  });

  it('replaces path segments that are ids or PII', () => {
    expect(scrubUrl('https://x.test/customers/48213/invoices/550e8400-e29b-41d4-a716-446655440000')).toBe(
      'https://x.test/customers/[id]/invoices/[id]',
    );
    expect(scrubUrl('https://x.test/users/ada%40example.com/profile')).toBe('https://x.test/users/[email:m]/profile');
    expect(scrubUrl('https://x.test/reset/Zx8Kq2Lm9Pw4Rt7Yb3Nv6Hc1')).toBe('https://x.test/reset/[id]');
    expect(scrubUrl('https://x.test/v1/2fa/setup/index-3f9a.js')).toBe('https://x.test/v1/2fa/setup/index-3f9a.js');
  });

  it('withholds fragments unless they are anchor names or hash routes', () => {
    expect(scrubUrl('https://x.test/cb#access_token=abc&state=1')).toBe('https://x.test/cb#[withheld]');
    expect(scrubUrl('https://x.test/p#pricing')).toBe('https://x.test/p#pricing');
    expect(scrubUrl('https://x.test/#/orders/12345?tab=items')).toBe('https://x.test/#/orders/[id]?tab=[withheld]');
    expect(scrubUrl('#icon-close')).toBe('#icon-close');
    expect(scrubUrl('https://x.test/p#Zx8Kq2Lm9Pw4Rt7Yb3Nv6Hc1Jd5Gf0Sa')).toBe('https://x.test/p#[withheld]');
  });

  it('handles other schemes: mailto and tel withheld, script URLs neutralised, pictures kept', () => {
    expect(scrubUrl('mailto:ada@example.com?subject=hi')).toBe('mailto:[withheld]');
    expect(scrubUrl('tel:+14155552671')).toBe('tel:[withheld]');
    expect(scrubUrl('javascript:doThing("ada@x.io")')).toBe('javascript:void(0)');
    expect(scrubUrl('data:image/png;base64,iVBORw0KGgo=')).toBe('data:image/png;base64,iVBORw0KGgo=');
    expect(scrubUrl('data:text/plain,ada@x.io')).toBe('data:[withheld]');
    expect(scrubUrl('blob:https://x.test/550e8400-e29b-41d4-a716-446655440000')).toBe(
      'blob:https://x.test/550e8400-e29b-41d4-a716-446655440000',
    );
  });

  it('query names that are themselves values are withheld; relative URLs work the same', () => {
    expect(scrubUrl('/search?ada@x.io')).toBe('/search?[withheld]');
    expect(scrubUrl('/search?flag&q=')).toBe('/search?flag&q=');
    expect(scrubUrl('orders/123456?page=2')).toBe('orders/[id]?page=[withheld]');
  });

  it('is idempotent', () => {
    for (const url of ['https://a:b@x.test/u/ada%40x.io/o/12345?t=abc#access_token=z', 'https://x.test/#/a/99999?x=1', 'mailto:a@b.co']) {
      const once = scrubUrl(url);
      expect(scrubUrl(once), url).toBe(once);
    }
  });
});

describe('URLs inside CSS and srcset', () => {
  it('scrubs url(...) in any quoting, leaves the rest of the CSS', () => {
    expect(scrubCssUrls('a{background:url("https://cdn.x/i.png?sig=abc") no-repeat} b{color:red}')).toBe(
      'a{background:url("https://cdn.x/i.png?sig=[withheld]") no-repeat} b{color:red}',
    );
    expect(scrubCssUrls('x{background-image:url(/u/12345/avatar.png)}')).toBe('x{background-image:url(/u/[id]/avatar.png)}');
    expect(scrubCssUrls('x{color:#123456;margin:0 4111 1111 1111 1111px}')).toBe('x{color:#123456;margin:0 4111 1111 1111 1111px}');
  });
  it('scrubs every candidate of a srcset and keeps descriptors', () => {
    expect(scrubSrcset('/a.png?u=1 1x, /b.png?u=2 2x')).toBe('/a.png?u=[withheld] 1x, /b.png?u=[withheld] 2x');
  });
});
