import { xmlEscape as x } from './policies/xml-escape';

/**
 * The update manifest browsers poll (Chrome's gupdate format, which Edge
 * reads too): this id's current version and where its CRX is.
 */
export function renderUpdateManifest(opts: { extensionId: string; version: string; crxUrl: string; minimumChromeVersion: string }): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<gupdate xmlns="http://www.google.com/update2/response" protocol="2.0">
  <app appid="${x(opts.extensionId)}">
    <updatecheck codebase="${x(opts.crxUrl)}" version="${x(opts.version)}" prodversionmin="${x(opts.minimumChromeVersion)}"/>
  </app>
</gupdate>
`;
}

/** The CRX's name in a release: `crx/webtrace-<version>.crx`, next to updates.xml (the server serves both). */
export function crxFileName(version: string): string {
  return `webtrace-${version}.crx`;
}

/** Where browsers fetch the CRX: crx/<file> beside the update manifest's URL. */
export function crxUrl(updateUrl: string, version: string): string {
  return new URL(`crx/${crxFileName(version)}`, updateUrl).href;
}
