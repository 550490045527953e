import { GeoInputError } from './errors';
import type { Branded, GridLevel } from './types';

/**
 * Grid code (网格编码) in the spirit of CJ/T 349: a 9-digit street code (6-digit county-level
 * division code, GB/T 2260, + 3-digit street 街道), then 3 digits of community (社区), 3 of
 * compound (小区) and 4 of small grid. LARGE = 12 digits — the same as the statistical
 * division code (统计用区划代码) of the community — MEDIUM = 15, SMALL = 19.
 */
export type GridCode = Branded<string, 'GridCode'>;

/** Parts of a grid code; sub-parts may be numbers, which are zero-padded. */
export interface GridCodeParts {
  street: string;
  community: string | number;
  compound?: string | number;
  small?: string | number;
}

export interface ParsedGridCode {
  code: GridCode;
  street: string;
  community: string;
  compound?: string;
  small?: string;
  level: GridLevel;
}

const CODE_LENGTH: Readonly<Record<GridLevel, number>> = { LARGE: 12, MEDIUM: 15, SMALL: 19 };

/** Province prefixes of GB/T 2260 (mainland, Taiwan, Hong Kong, Macao). */
const PROVINCES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

function badCode(message: string, path: string): GeoInputError {
  return new GeoInputError('BAD_CODE', message, { path });
}

function checkStreet(street: string, path: string): string {
  if (!/^\d{9}$/.test(street)) throw badCode(`a street code is 9 digits, got ${JSON.stringify(street)}`, path);
  if (!PROVINCES.has(street.slice(0, 2))) throw badCode(`${street.slice(0, 2)} is not a province prefix (GB/T 2260)`, path);
  if (street.slice(4, 6) === '00') throw badCode(`${street.slice(0, 6)} is not a county-level division code`, path);
  if (street.slice(6) === '000') throw badCode('the street part of a street code cannot be 000', path);
  return street;
}

/** One fixed-width, non-zero segment; a number is zero-padded, a string must already have the width. */
function segment(value: string | number, width: number, path: string): string {
  const text = typeof value === 'number' && Number.isInteger(value) && value >= 0 ? String(value).padStart(width, '0') : String(value);
  if (!new RegExp(`^\\d{${width}}$`).test(text)) throw badCode(`${path} is ${width} digits, got ${JSON.stringify(value)}`, path);
  if (/^0+$/.test(text)) throw badCode(`${path} cannot be all zeros`, path);
  return text;
}

/** Builds and checks a grid code; a small grid needs its compound. */
export function makeGridCode(parts: GridCodeParts): GridCode {
  let code = checkStreet(parts.street, 'street') + segment(parts.community, 3, 'community');
  if (parts.compound !== undefined) code += segment(parts.compound, 3, 'compound');
  if (parts.small !== undefined) {
    if (parts.compound === undefined) throw badCode('a small grid code needs a compound', 'compound');
    code += segment(parts.small, 4, 'small');
  }
  return code as GridCode;
}

/** Splits and checks a 12-, 15- or 19-digit grid code. */
export function parseGridCode(code: string): ParsedGridCode {
  const level = (Object.keys(CODE_LENGTH) as GridLevel[]).find((candidate) => CODE_LENGTH[candidate] === code.length);
  if (!level || !/^\d+$/.test(code)) {
    throw badCode(`a grid code is 12 (LARGE), 15 (MEDIUM) or 19 (SMALL) digits, got ${JSON.stringify(code)}`, 'code');
  }
  const parsed: ParsedGridCode = {
    code: code as GridCode,
    street: checkStreet(code.slice(0, 9), 'code'),
    community: segment(code.slice(9, 12), 3, 'community'),
    level,
  };
  if (level !== 'LARGE') parsed.compound = segment(code.slice(12, 15), 3, 'compound');
  if (level === 'SMALL') parsed.small = segment(code.slice(15, 19), 4, 'small');
  return parsed;
}

/** The grid level a code denotes. */
export function levelOfCode(code: string): GridLevel {
  return parseGridCode(code).level;
}

/** The enclosing grid's code; `null` for LARGE, whose parent is the street (`parseGridCode(code).street`). */
export function parentCode(code: string): GridCode | null {
  const { street, community, compound, level } = parseGridCode(code);
  if (level === 'SMALL') return makeGridCode({ street, community, compound });
  if (level === 'MEDIUM') return makeGridCode({ street, community });
  return null;
}

/**
 * The code as a PostgreSQL ltree path, e.g. `s330106001.c001.m002.g0003`: one label per level,
 * letter-prefixed so each label says its level, so "subtree of this grid" is one `<@` predicate.
 */
export function codeToLtreePath(code: string): string {
  const { street, community, compound, small } = parseGridCode(code);
  return [`s${street}`, `c${community}`, compound && `m${compound}`, small && `g${small}`].filter(Boolean).join('.');
}
