import type { Plugin } from 'vite';

/**
 * A build-time fix to rrweb 2.2.2 (upstream rrweb-io/rrweb#1802, open): its
 * check for prototypes a page has patched lists the methods `querySelector`
 * and `querySelectorAll` among Element's *accessors*, so the check always
 * fails and every copy of the check (rrweb bundles three) builds a throwaway
 * <iframe> in the page to take Element's prototype from. In a content
 * script's isolated world each such frame also gets the extension's bindings
 * set up: about a third of webtrace's start on a small page
 * (bench/trace-breakdown.ts). The fix moves the two names to the methods'
 * list, where the same native-code test judges them correctly; nothing else
 * in rrweb changes. The build fails if rrweb's text no longer matches, so an
 * upgrade cannot drop the fix silently (remove it once rrweb has #1802).
 */
const ACCESSORS = /(\tElement: \[\n\t\t"shadowRoot"),\n\t\t"querySelector",\n\t\t"querySelectorAll"\n\t\]/g;
const METHODS =
  /(var testableMethods(?:\$\d)? = \{\n\tNode: \["contains", "getRootNode"\],\n\tShadowRoot: \["getSelection"\],\n)\tElement: \[\],/g;
/** Copies of the check in rrweb's dist/rrweb.js (rrweb-snapshot's, rrweb's own, and the record utils'). */
export const RRWEB_CHECK_COPIES = 3;

export function fixUntaintedTables(code: string): { code: string; fixed: number } {
  let accessors = 0;
  let methods = 0;
  const out = code
    .replace(ACCESSORS, (_m, head: string) => {
      accessors += 1;
      return `${head}\n\t]`;
    })
    .replace(METHODS, (_m, head: string) => {
      methods += 1;
      return `${head}\tElement: ["querySelector", "querySelectorAll"],`;
    });
  return { code: out, fixed: Math.min(accessors, methods) === Math.max(accessors, methods) ? accessors : -1 };
}

const RRWEB_DIST = /[\\/]node_modules[\\/]rrweb[\\/]dist[\\/]rrweb\.js$/;

export function rrwebUntaintedFix(): Plugin {
  return {
    name: 'webtrace-rrweb-untainted-fix',
    enforce: 'pre',
    transform(code, id) {
      if (!RRWEB_DIST.test(id)) return null;
      const { code: out, fixed } = fixUntaintedTables(code);
      if (fixed !== RRWEB_CHECK_COPIES) {
        throw new Error(
          `rrweb-untainted-fix: expected ${RRWEB_CHECK_COPIES} copies of rrweb's prototype check in ${id}, fixed ${fixed}: ` +
            'rrweb changed; see scripts/build/rrweb-untainted-fix.ts',
        );
      }
      return { code: out, map: null };
    },
  };
}
