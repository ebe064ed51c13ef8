import { ICON_SIZES, ICON_STATES } from '../../lib/rules/toolbar/icon-paths';

/** Every PNG rendered from a vector source in icons/: the toolbar states, the brand icon and the store listing art. */
export interface IconOutput {
  source: string;
  out: string;
  width: number;
  height: number;
}

export function iconOutputs(): IconOutput[] {
  const square = (name: string, dir: string, size: number, file = `${name}-${size}.png`): IconOutput => ({
    source: `icons/${name}.svg`,
    out: `${dir}/${file}`,
    width: size,
    height: size,
  });
  return [
    ...[...ICON_STATES, 'brand'].flatMap((name) => ICON_SIZES.map((size) => square(name, 'public/icons', size))),
    // Edge Add-ons asks for a 300x300 logo; the Chrome Web Store takes the package's 128 px icon.
    square('brand', 'store-assets', 300, 'logo-300.png'),
    { source: 'icons/promo-small.svg', out: 'store-assets/promo-small-440x280.png', width: 440, height: 280 },
  ];
}
