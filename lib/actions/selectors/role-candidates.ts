/**
 * Where elements of a role can be: their implicit tags plus an explicit role
 * attribute. Counting a role selector queries these (one native query), never
 * every element of the page.
 */
const IMPLICIT: Record<string, string> = {
  button: 'button, input[type="button" i], input[type="submit" i], input[type="reset" i], input[type="image" i]',
  link: 'a[href], area[href]',
  textbox:
    'input:not([type]), input[type="text" i], input[type="email" i], input[type="tel" i], input[type="url" i], textarea, [contenteditable]',
  searchbox: 'input[type="search" i]',
  combobox: 'select, input',
  listbox: 'select, datalist',
  checkbox: 'input[type="checkbox" i]',
  radio: 'input[type="radio" i]',
  spinbutton: 'input[type="number" i]',
  slider: 'input[type="range" i]',
  option: 'option',
  row: 'tr',
  cell: 'td',
  gridcell: 'td',
  columnheader: 'th',
  rowheader: 'th',
  table: 'table',
  heading: 'h1, h2, h3, h4, h5, h6',
  img: 'img, svg',
  list: 'ul, ol',
  listitem: 'li',
  form: 'form',
  dialog: 'dialog',
  navigation: 'nav',
  main: 'main',
  region: 'section',
  group: 'fieldset, details, optgroup',
  menu: 'menu',
  separator: 'hr',
  article: 'article',
  progressbar: 'progress',
  meter: 'meter',
};

/** Roles whose implicit tags above always have that role (without a role attribute): no need to ask. */
const EXACT = new Set([
  'button',
  'link',
  'checkbox',
  'radio',
  'spinbutton',
  'slider',
  'option',
  'row',
  'heading',
  'listitem',
  'table',
  'searchbox',
]);

export function implicitRoleIsExact(role: string): boolean {
  return EXACT.has(role);
}

/** The one tag most elements of a role have, for a cheap count before any query (the browser caches it). */
const MAIN_TAG: Record<string, string> = {
  button: 'button',
  link: 'a',
  row: 'tr',
  option: 'option',
  cell: 'td',
  gridcell: 'td',
  listitem: 'li',
  textbox: 'input',
  combobox: 'input',
};

export function mainTagOf(role: string): string | null {
  return MAIN_TAG[role] ?? null;
}

export function roleCandidates(role: string, ownTag: string): string {
  const explicit = `[role~="${role.replace(/["\\]/g, '')}"]`;
  const implicit = IMPLICIT[role] ?? ownTag;
  return implicit ? `${implicit}, ${explicit}` : explicit;
}
