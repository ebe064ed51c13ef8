import { scrubUrl } from './scrub-url';

const URL_FN = /url\(\s*(['"]?)([^'")]{0,8192})\1\s*\)/gi;

/**
 * The URLs inside CSS (`url(...)` in style attributes and stylesheets) are
 * scrubbed like any URL: signed asset URLs carry tokens. Nothing else in CSS
 * is touched, so replay keeps its styling.
 */
export function scrubCssUrls(css: string): string {
  if (!css.includes('url(') && !css.includes('URL(')) return css;
  return css.replace(URL_FN, (whole, quote: string, url: string) => {
    const clean = scrubUrl(url.trim());
    return clean === url.trim() ? whole : `url(${quote}${clean}${quote})`;
  });
}

/** srcset: "a.png 1x, b.png?sig=… 2x": each URL scrubbed, descriptors kept. */
export function scrubSrcset(srcset: string): string {
  return srcset
    .split(',')
    .map((candidate) => {
      const trimmed = candidate.trim();
      const space = trimmed.search(/\s/);
      const url = space === -1 ? trimmed : trimmed.slice(0, space);
      return (candidate.startsWith(' ') ? ' ' : '') + scrubUrl(url) + (space === -1 ? '' : trimmed.slice(space));
    })
    .join(',');
}
