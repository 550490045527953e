import type { MapTheme } from '../map/style';

/** The wall screen is dark; `?theme=light` gives the light theme for desks and print. */
export function themeFromSearch(search: string): MapTheme {
  return new URLSearchParams(search).get('theme') === 'light' ? 'light' : 'dark';
}
