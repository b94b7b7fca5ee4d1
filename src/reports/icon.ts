// The ecoplan icon (a leaf on green), the same as the console's (web/index.html): inlined into the printable report
// so that a browser showing it asks for no /favicon.ico, and served at /favicon.ico for pages that do ask.
export const ICON_SVG =
  "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'><rect width='32' height='32' rx='6' fill='#1a7f5a'/><path d='M9 22c0-8 6-13 14-13-1 8-6 13-14 13z' fill='#fff'/></svg>";

export const ICON_DATA_URL = `data:image/svg+xml,${encodeURIComponent(ICON_SVG)}`;
