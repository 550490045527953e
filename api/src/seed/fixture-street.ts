import { createHash } from 'node:crypto';
import type { MultiPolygon } from 'geojson';
import { idCheckChar } from '../domains/resident/resident.privacy';
import type { StreetData } from './street-data';

/** A deterministic uuid from a name, so fixtures and seeds are reproducible. */
export function stableId(name: string): string {
  const h = createHash('sha1').update(name).digest('hex');
  const variant = ((parseInt(h[16], 16) & 3) | 8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function rect(w: number, s: number, e: number, n: number): MultiPolygon {
  return {
    type: 'MultiPolygon',
    coordinates: [
      [
        [
          [w, s],
          [e, s],
          [e, n],
          [w, n],
          [w, s],
        ],
      ],
    ],
  };
}

export interface FixtureOptions {
  /** Street code, 9 digits. */
  code?: string;
  /** Communities (LARGE grids) side by side from west to east. */
  large?: number;
  /** Compounds (MEDIUM) per community, stacked south to north. */
  medium?: number;
  /** Small grids per compound, side by side. */
  small?: number;
  /** South-west corner. */
  origin?: [number, number];
}

/**
 * A small, exact street of rectangles for tests and the first boot: every grid's extent
 * is known, so `gridAt` answers can be predicted. Each LARGE grid is 0.01° wide and
 * 0.02° tall, split evenly into MEDIUM and SMALL grids; each small grid holds one
 * building with two households of two residents.
 */
export function fixtureStreet(opts: FixtureOptions = {}): StreetData {
  const { code = '330106001', large = 2, medium = 2, small = 2, origin = [120.1, 30.25] } = opts;
  const [x0, y0] = origin;
  const W = 0.01;
  const H = 0.02;
  const data: StreetData = {
    street: { id: stableId(code), code, name: '示例街道', geometry: rect(x0, y0, x0 + W * large, y0 + H) },
    grids: [],
    buildings: [],
    households: [],
    residents: [],
    partyOrganizations: [],
    leaders: [],
  };
  const committee = stableId(`${code}/party`);
  data.partyOrganizations.push({
    id: committee,
    parentId: null,
    level: 'STREET_COMMITTEE',
    name: '示例街道党工委',
    gridId: null,
    householdId: null,
    secretaryId: null,
    secretaryName: '王书记',
  });
  let person = 0;
  for (let l = 0; l < large; l++) {
    const lCode = `${code}${String(l + 1).padStart(3, '0')}`;
    const lId = stableId(lCode);
    const lw = x0 + l * W;
    data.grids.push({
      id: lId,
      parentId: null,
      code: lCode,
      name: `第${l + 1}社区`,
      level: 'LARGE',
      geometry: rect(lw, y0, lw + W, y0 + H),
    });
    const lOrg = stableId(`${lCode}/party`);
    data.partyOrganizations.push({
      id: lOrg,
      parentId: committee,
      level: 'COMMUNITY',
      name: `第${l + 1}社区党委`,
      gridId: lId,
      householdId: null,
      secretaryId: null,
      secretaryName: `社区书记${l + 1}`,
    });
    data.leaders.push({
      id: stableId(`${lCode}/leader`),
      gridId: lId,
      residentId: null,
      name: `大网格长${l + 1}`,
      role: 'LEADER',
      since: '2025-01-01',
    });
    const mh = H / medium;
    for (let mi = 0; mi < medium; mi++) {
      const mCode = `${lCode}${String(mi + 1).padStart(3, '0')}`;
      const mId = stableId(mCode);
      const ms = y0 + mi * mh;
      data.grids.push({
        id: mId,
        parentId: lId,
        code: mCode,
        name: `第${l + 1}社区${mi + 1}号小区`,
        level: 'MEDIUM',
        geometry: rect(lw, ms, lw + W, ms + mh),
      });
      const mOrg = stableId(`${mCode}/party`);
      data.partyOrganizations.push({
        id: mOrg,
        parentId: lOrg,
        level: 'COMPOUND_BRANCH',
        name: `${mi + 1}号小区为民服务党支部`,
        gridId: mId,
        householdId: null,
        secretaryId: null,
        secretaryName: null,
      });
      data.leaders.push({
        id: stableId(`${mCode}/leader`),
        gridId: mId,
        residentId: null,
        name: `中网格长${l + 1}-${mi + 1}`,
        role: 'LEADER',
        since: '2025-01-01',
      });
      const sw = W / small;
      for (let si = 0; si < small; si++) {
        const sCode = `${mCode}${String(si + 1).padStart(4, '0')}`;
        const sId = stableId(sCode);
        const sx = lw + si * sw;
        data.grids.push({
          id: sId,
          parentId: mId,
          code: sCode,
          name: `${mi + 1}号小区${si + 1}号楼网格`,
          level: 'SMALL',
          geometry: rect(sx, ms, sx + sw, ms + mh),
        });
        data.partyOrganizations.push({
          id: stableId(`${sCode}/party`),
          parentId: mOrg,
          level: 'BUILDING_GROUP',
          name: `${si + 1}号楼党小组`,
          gridId: sId,
          householdId: null,
          secretaryId: null,
          secretaryName: null,
        });
        const bId = stableId(`${sCode}/building`);
        const pad = sw / 4;
        const address = `示例路${l + 1}${mi + 1}${si + 1}号`;
        data.buildings.push({
          id: bId,
          gridId: sId,
          code: `${sCode}-B1`,
          name: `${si + 1}号楼`,
          address,
          floors: 6,
          units: 2,
          footprint: rect(sx + pad, ms + mh / 4, sx + sw - pad, ms + mh / 2),
        });
        for (let h = 0; h < 2; h++) {
          const hId = stableId(`${sCode}/household/${h}`);
          data.households.push({
            id: hId,
            buildingId: bId,
            unit: h + 1,
            room: '101',
            address: `${address} ${h + 1}单元 101室`,
            size: 2,
            tags: h === 0 ? ['ELDERLY_ALONE'] : [],
          });
          for (let r = 0; r < 2; r++) {
            person++;
            const first17 = `330106${1950 + (person % 50)}0101${String(person % 1000).padStart(3, '0')}`;
            const rId = stableId(`${sCode}/household/${h}/resident/${r}`);
            data.residents.push({
              id: rId,
              householdId: hId,
              name: `${r === 0 ? '张' : '李'}居民${person}`,
              gender: r === 0 ? 'MALE' : 'FEMALE',
              birthYear: 1950 + (person % 50),
              relation: r === 0 ? 'HOUSEHOLDER' : 'SPOUSE',
              phone: `138${String(person).padStart(8, '0')}`,
              idNumber: first17 + idCheckChar(first17),
              isPartyMember: person % 5 === 0,
              isVolunteer: person % 3 === 0,
              isRetiredCadre: false,
              isInServicePartyMember: person % 10 === 0,
            });
          }
        }
        data.leaders.push({
          id: stableId(`${sCode}/leader`),
          gridId: sId,
          residentId: stableId(`${sCode}/household/0/resident/0`),
          name: `小网格长${person}`,
          role: 'LEADER',
          since: '2025-03-01',
        });
      }
    }
  }
  return data;
}
