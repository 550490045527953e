import { stableId } from '@streetgrid/api/seed/fixture-street';
import type { StreetData } from '@streetgrid/api/seed/street-data';
import { makeGridCode } from '@streetgrid/geo';
import { generateBasemap } from './basemap';
import { LocalFrame, type Position } from './frame';
import { placeFootprints, type FootprintSize } from './layout';
import { NamePool, ORDINALS, PLACE_STEMS, personName } from './names';
import { cellRing, ringOf, streetLattice, subdivide, type Cell, type LocalPoint } from './partition';
import { hasPhone, householdMembers, IdNumbers, Phones, REFERENCE_YEAR, rolesOf, STREETS_PER_COUNTY } from './people';
import { hashSeed, Random, weightedTable } from './random';

type Grid = StreetData['grids'][number];
type Building = StreetData['buildings'][number];
type Household = StreetData['households'][number];
type Resident = StreetData['residents'][number];
type PartyOrganization = StreetData['partyOrganizations'][number];
type Leader = StreetData['leaders'][number];
type MultiPolygon = Grid['geometry'];

/** Where and what one street of a generated district is. */
export interface StreetPlan {
  /** Position in the district, from 0. */
  index: number;
  /** 9 digits: county code (GB/T 2260) + street. */
  code: string;
  /** e.g. 朝晖街道 */
  name: string;
  /** South-west corner of the street's nominal rectangle, WGS-84. */
  origin: Position;
  /** The street's own seed, so each street is generated alone, in any order. */
  seed: number;
}

/**
 * County-level division codes of Hangzhou (拱墅, 上城, 西湖, 滨江, 萧山, 余杭, 富阳, 临安,
 * 临平, 钱塘). A district fills the first, 50 streets per code, then moves on.
 */
const COUNTIES = ['330105', '330102', '330106', '330108', '330109', '330110', '330111', '330112', '330113', '330114'];

/** The most streets one district can hold (ID-number blocks run out beyond it). */
export const MAX_STREETS = COUNTIES.length * STREETS_PER_COUNTY;

/** South-west corner of the first street: Gongshu, north of Hangzhou's old town. */
const DISTRICT_ORIGIN: Position = [120.128, 30.282];
/** Spacing between street origins, in degrees: ~3.3 km east, ~2.7 km north, more than a street's extent. */
const STREET_STEP: Position = [0.034, 0.024];

/**
 * The streets of a district laid side by side in a near-square block, with distinct
 * codes and names. Street `i` is the same whatever `streets` is, so a 1-street demo
 * is the first street of a 20-street benchmark.
 */
export function districtPlan(streets: number, seed: number): StreetPlan[] {
  if (!Number.isInteger(streets) || streets < 1 || streets > MAX_STREETS)
    throw new RangeError(`streets must be an integer in [1, ${MAX_STREETS}], got ${streets}`);
  const columns = Math.ceil(Math.sqrt(streets));
  const stems = shuffled(new Random(hashSeed(seed, 'street-names')), PLACE_STEMS);
  return Array.from({ length: streets }, (_, index) => {
    const code = COUNTIES[Math.floor(index / STREETS_PER_COUNTY)] + String((index % STREETS_PER_COUNTY) + 1).padStart(3, '0');
    const round = Math.floor(index / stems.length);
    const name = `${stems[index % stems.length]}${round ? ORDINALS[round % ORDINALS.length] : ''}街道`;
    const column = index % columns;
    const row = Math.floor(index / columns);
    const origin: Position = [DISTRICT_ORIGIN[0] + column * STREET_STEP[0], DISTRICT_ORIGIN[1] + row * STREET_STEP[1]];
    return { index, code, name, origin, seed: hashSeed(seed, code) };
  });
}

function shuffled<T>(rng: Random, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Kinds of compound (小区), which decide its buildings and people. */
type CompoundKind = 'OLD_ESTATE' | 'NEW_ESTATE' | 'LANES' | 'MIXED_USE';
const COMPOUND_KINDS = weightedTable<CompoundKind>([
  ['OLD_ESTATE', 50],
  ['NEW_ESTATE', 20],
  ['LANES', 18],
  ['MIXED_USE', 12],
]);

type BuildingKind = 'WALKUP' | 'TOWER' | 'LANE_HOUSE' | 'NON_RESIDENTIAL';
const BUILDING_MIX: Record<CompoundKind, ReturnType<typeof weightedTable<BuildingKind>>> = {
  OLD_ESTATE: weightedTable<BuildingKind>([
    ['WALKUP', 90],
    ['NON_RESIDENTIAL', 10],
  ]),
  NEW_ESTATE: weightedTable<BuildingKind>([
    ['TOWER', 50],
    ['WALKUP', 40],
    ['NON_RESIDENTIAL', 10],
  ]),
  LANES: weightedTable<BuildingKind>([
    ['LANE_HOUSE', 85],
    ['NON_RESIDENTIAL', 15],
  ]),
  MIXED_USE: weightedTable<BuildingKind>([
    ['NON_RESIDENTIAL', 80],
    ['WALKUP', 20],
  ]),
};

/** Small grids per compound (columns × rows) and buildings per small grid, by compound kind. */
const COMPOUND_SHAPE: Record<CompoundKind, { cols: [number, number]; rows: [number, number]; buildings: [number, number] }> = {
  OLD_ESTATE: { cols: [1, 2], rows: [3, 6], buildings: [3, 6] },
  NEW_ESTATE: { cols: [1, 2], rows: [2, 4], buildings: [2, 3] },
  LANES: { cols: [2, 3], rows: [2, 3], buildings: [4, 8] },
  MIXED_USE: { cols: [1, 2], rows: [1, 3], buildings: [1, 3] },
};

const NON_RESIDENTIAL_NAMES = [
  '社区服务中心',
  '居家养老服务中心',
  '农贸市场',
  '幼儿园',
  '社区卫生服务站',
  '商业楼',
  '物业用房',
  '文化家园',
  '邻里中心',
  '商铺',
  '小学',
  '办公楼',
];
const NEW_ESTATE_SUFFIXES = ['花园', '苑', '公寓', '家园', '雅苑', '名邸', '嘉园'];
const LANE_QUARTER_SUFFIXES = ['里', '坊', '老街区'];
const MIXED_USE_SUFFIXES = ['商务区', '商业街区', '科创园', '综合片区'];
/** Share of a residential building's flats with a registered household (the rest empty or unregistered). */
const OCCUPANCY = 0.82;
/** About one central household (党员中心户) per this many households of a small grid. */
const HOUSEHOLDS_PER_CENTRAL = 30;

interface SmallPlan {
  cell: Cell;
  code: string;
}
interface CompoundPlan {
  cell: Cell;
  code: string;
  kind: CompoundKind;
  /** Sides of the community this compound touches (for its gate's road). */
  touches: ('bottom' | 'right' | 'top' | 'left')[];
  smalls: SmallPlan[];
}
interface CommunityPlan {
  cell: Cell;
  code: string;
  stem: string;
  roads: Record<'bottom' | 'right' | 'top' | 'left', string>;
  compounds: CompoundPlan[];
}

/** A resident with what choosing leaders needs. */
interface Person {
  row: Resident;
  age: number;
}

/**
 * One realistic street (街道) as {@link StreetData}, a pure function of its plan: about
 * 5 km², ~10 communities, ~60 compounds, a few hundred small grids, ~1,500 buildings,
 * ~25,000 households, ~60,000 residents, the five-level party chain and grid leaders.
 * Grids of each level tile their parent exactly (shared vertices, no slivers).
 */
export function generateStreet(plan: StreetPlan): StreetData {
  const root = new Random(plan.seed);
  const layout = root.fork('layout');
  const names = new NamePool(root.fork('names'));
  const nameRng = root.fork('name-choice');
  const frame = new LocalFrame(plan.origin);
  const geometry = (ring: readonly LocalPoint[]): MultiPolygon => ({ type: 'MultiPolygon', coordinates: [[frame.toRing(ring)]] });

  // 1. Cut the street into communities, compounds and small grids (all cuts before any ring is read).
  const [cols, rows] = layout.weighted(
    weightedTable<[number, number]>([
      [[5, 2], 2],
      [[4, 3], 1],
      [[3, 3], 1],
    ]),
  );
  const area = layout.between(4.3e6, 5.7e6);
  const side = Math.sqrt(area / (cols * rows));
  const width = cols * side * layout.between(0.92, 1.08);
  const lattice = streetLattice(layout, cols, rows, width, area / width, 0.12);
  const horizontalRoads = Array.from({ length: rows + 1 }, () => names.unique((r) => `${r.pick(PLACE_STEMS)}路`));
  const verticalRoads = Array.from({ length: cols + 1 }, () => names.unique((r) => `${r.pick(PLACE_STEMS)}${r.pick(['路', '路', '街'])}`));

  const communities: CommunityPlan[] = lattice.cells.map((cell, c) => {
    const i = c % cols;
    const j = Math.floor(c / cols);
    const code = makeGridCode({ street: plan.code, community: c + 1 });
    const compoundCols = layout.int(2, 3);
    const compoundRows = layout.int(2, 3);
    const compounds = subdivide(layout, cell, compoundCols, compoundRows, 0.18).map((compoundCell, m): CompoundPlan => {
      const ci = m % compoundCols;
      const cj = Math.floor(m / compoundCols);
      const kind = layout.weighted(COMPOUND_KINDS);
      const shape = COMPOUND_SHAPE[kind];
      const smallCells = subdivide(layout, compoundCell, layout.int(...shape.cols), layout.int(...shape.rows), 0.12);
      const touches = (
        [cj === 0 && 'bottom', ci === compoundCols - 1 && 'right', cj === compoundRows - 1 && 'top', ci === 0 && 'left'] as const
      ).filter((t): t is 'bottom' | 'right' | 'top' | 'left' => t !== false);
      const compoundCode = makeGridCode({ street: plan.code, community: c + 1, compound: m + 1 });
      return {
        cell: compoundCell,
        code: compoundCode,
        kind,
        touches,
        smalls: smallCells.map((smallCell, s) => ({
          cell: smallCell,
          code: makeGridCode({ street: plan.code, community: c + 1, compound: m + 1, small: s + 1 }),
        })),
      };
    });
    const stem = names.unique((r) => r.pick(PLACE_STEMS));
    const roads = { bottom: horizontalRoads[j], top: horizontalRoads[j + 1], left: verticalRoads[i], right: verticalRoads[i + 1] };
    return { cell, code, stem, roads, compounds };
  });

  // 2. Rows, community by community.
  const data: StreetData = {
    street: { id: stableId(plan.code), code: plan.code, name: plan.name, geometry: geometry(ringOf(lattice.boundary)) },
    grids: [],
    buildings: [],
    households: [],
    residents: [],
    partyOrganizations: [],
    leaders: [],
  };
  const ids = new IdNumbers(plan.code.slice(0, 6), plan.index % STREETS_PER_COUNTY);
  const phones = new Phones();
  const houseNumbers = new Map<string, number>();
  const nextHouseNumber = (rng: Random, road: string): number => {
    const n = (houseNumbers.get(road) ?? rng.int(1, 12)) + 2 * rng.int(1, 8);
    houseNumbers.set(road, n);
    return n;
  };
  const committee: PartyOrganization = {
    id: stableId(`party/${plan.code}`),
    parentId: null,
    level: 'STREET_COMMITTEE',
    name: `${plan.name}党工委`,
    gridId: null,
    householdId: null,
    secretaryId: null,
    secretaryName: personName(nameRng, nameRng.chance(0.7) ? 'MALE' : 'FEMALE', nameRng.int(1968, 1982)),
  };
  data.partyOrganizations.push(committee);
  const leaderOf = new Set<string>();

  for (const community of communities) {
    const communityName = `${community.stem}社区`;
    const largeId = stableId(community.code);
    data.grids.push({
      id: largeId,
      parentId: null,
      code: community.code,
      name: communityName,
      level: 'LARGE',
      geometry: geometry(cellRing(community.cell)),
    });
    const communityPeople: Person[] = [];
    const communityOrg: PartyOrganization = {
      id: stableId(`party/${community.code}`),
      parentId: committee.id,
      level: 'COMMUNITY',
      name: `${communityName}党委`,
      gridId: largeId,
      householdId: null,
      secretaryId: null,
      secretaryName: null,
    };
    data.partyOrganizations.push(communityOrg);
    let oldEstates = 0;

    for (const compound of community.compounds) {
      const rng = root.fork(compound.code);
      const compoundName = names.unique((r) => {
        const stem = r.pick(PLACE_STEMS);
        switch (compound.kind) {
          case 'OLD_ESTATE':
            return oldEstates < ORDINALS.length && r.chance(0.6)
              ? `${community.stem}${ORDINALS[oldEstates++]}区`
              : `${stem}${r.pick(['新村', '小区'])}`;
          case 'NEW_ESTATE':
            return `${stem}${r.pick(NEW_ESTATE_SUFFIXES)}`;
          case 'LANES':
            return `${stem}${r.pick(LANE_QUARTER_SUFFIXES)}`;
          case 'MIXED_USE':
            return `${stem}${r.pick(MIXED_USE_SUFFIXES)}`;
        }
      });
      const road = compound.touches.length ? community.roads[rng.pick(compound.touches)] : `${community.stem}支路`;
      const gate = `${road}${nextHouseNumber(rng, road)}号`;
      const mediumId = stableId(compound.code);
      data.grids.push({
        id: mediumId,
        parentId: largeId,
        code: compound.code,
        name: compoundName,
        level: 'MEDIUM',
        geometry: geometry(cellRing(compound.cell)),
      });
      const branch: PartyOrganization = {
        id: stableId(`party/${compound.code}`),
        parentId: communityOrg.id,
        level: 'COMPOUND_BRANCH',
        name: `${compoundName}为民服务党支部`,
        gridId: mediumId,
        householdId: null,
        secretaryId: null,
        secretaryName: null,
      };
      data.partyOrganizations.push(branch);
      const compoundPeople: Person[] = [];
      let blockNumber = 0;

      for (const small of compound.smalls) {
        const smallId = stableId(small.code);
        const shape = COMPOUND_SHAPE[compound.kind];
        const kinds = Array.from({ length: rng.int(...shape.buildings) }, () => rng.weighted(BUILDING_MIX[compound.kind]));
        const specs = kinds.map((kind) => buildingSpec(rng, kind));
        const footprints = placeFootprints(rng, small.cell, specs);
        const lane = compound.kind === 'LANES' ? names.unique((r) => `${r.pick(PLACE_STEMS)}${r.pick(['弄', '巷'])}`) : null;
        let laneNumber = 0;
        const blocks: number[] = [];
        const smallPeople: Person[] = [];
        const smallHouseholds: { row: Household; people: Person[] }[] = [];

        specs.forEach((spec, b) => {
          const corners = footprints[b];
          if (!corners) return;
          const code = `${small.code}-B${b + 1}`;
          let name: string;
          let address: string;
          if (lane) {
            laneNumber += rng.int(1, 3);
            name = spec.kind === 'NON_RESIDENTIAL' ? rng.pick(NON_RESIDENTIAL_NAMES) : `${lane}${laneNumber}号`;
            address = `${road}${lane}${laneNumber}号`;
          } else if (spec.kind === 'NON_RESIDENTIAL') {
            name = rng.pick(NON_RESIDENTIAL_NAMES);
            address = `${gate}${compoundName}${name}`;
          } else {
            blocks.push(++blockNumber);
            name = `${blockNumber}幢`;
            address = `${gate}${compoundName}${blockNumber}幢`;
          }
          const building: Building = {
            id: stableId(`building/${code}`),
            gridId: smallId,
            code,
            name,
            address,
            floors: spec.floors,
            units: spec.units,
            footprint: geometry([...corners, corners[0]]),
          };
          data.buildings.push(building);
          for (let unit = 1; unit <= spec.units; unit++) {
            for (let floor = 1; floor <= spec.floors; floor++) {
              for (let flat = 1; flat <= spec.flatsPerFloor; flat++) {
                if (!rng.chance(OCCUPANCY)) continue;
                const room = String(floor * 100 + flat);
                const key = `${code}/${unit}/${room}`;
                const members = householdMembers(rng);
                const household: Household = {
                  id: stableId(`household/${key}`),
                  buildingId: building.id,
                  unit,
                  room,
                  address: spec.units > 1 || !lane ? `${address}${unit}单元${room}室` : `${address}${room}室`,
                  size: members.length,
                  tags: [],
                };
                const people = members.map((member, k): Person => {
                  const roles = rolesOf(rng, member);
                  const row: Resident = {
                    id: stableId(`resident/${key}/${k}`),
                    householdId: household.id,
                    name: member.name,
                    gender: member.gender,
                    birthYear: member.birthYear,
                    relation: member.relation,
                    phone: hasPhone(rng, member.birthYear) ? phones.next(rng) : null,
                    idNumber: ids.next(rng, member.birthYear, member.gender),
                    ...roles,
                  };
                  data.residents.push(row);
                  return { row, age: REFERENCE_YEAR - member.birthYear };
                });
                household.tags = vulnerabilityTags(rng, people);
                data.households.push(household);
                smallHouseholds.push({ row: household, people });
                smallPeople.push(...people);
              }
            }
          }
        });

        const blockName =
          blocks.length === 0
            ? `${small.code.slice(-2)}号区块`
            : blocks.length === 1
              ? `${blocks[0]}幢`
              : `${blocks[0]}-${blocks[blocks.length - 1]}幢`;
        const label = lane ?? `${compoundName}${blockName}`;
        data.grids.push({
          id: smallId,
          parentId: mediumId,
          code: small.code,
          name: `${label}网格`,
          level: 'SMALL',
          geometry: geometry(cellRing(small.cell)),
        });

        // Building party group (楼栋党小组), its central households, and the small-grid leader.
        const groupHead = choose(rng, smallPeople, leaderOf, [(p) => p.row.isPartyMember && p.age >= 30 && p.age <= 75]);
        const group: PartyOrganization = {
          id: stableId(`party/${small.code}`),
          parentId: branch.id,
          level: 'BUILDING_GROUP',
          name: `${label}党小组`,
          gridId: smallId,
          householdId: null,
          secretaryId: groupHead?.row.id ?? null,
          secretaryName: groupHead?.row.name ?? null,
        };
        data.partyOrganizations.push(group);
        const partyHouseholds = smallHouseholds.filter((h) => h.people.some((p) => p.row.isPartyMember));
        const centralCount = Math.min(
          partyHouseholds.length,
          Math.max(smallHouseholds.length ? 1 : 0, Math.round(smallHouseholds.length / HOUSEHOLDS_PER_CENTRAL)),
        );
        for (const central of shuffled(rng, partyHouseholds).slice(0, centralCount)) {
          const member = central.people.find((p) => p.row.isPartyMember)!;
          central.row.tags = [...central.row.tags, 'CENTRAL_HOUSEHOLD'];
          data.partyOrganizations.push({
            id: stableId(`party/central/${central.row.id}`),
            parentId: group.id,
            level: 'CENTRAL_HOUSEHOLD',
            name: `${member.row.name}党员中心户`,
            gridId: smallId,
            householdId: central.row.id,
            secretaryId: member.row.id,
            secretaryName: member.row.name,
          });
        }
        const smallLeader =
          groupHead ??
          choose(rng, smallPeople, leaderOf, [
            (p) => p.row.isPartyMember && p.age >= 25 && p.age <= 75,
            (p) => (p.row.isRetiredCadre || p.row.isVolunteer || p.row.isInServicePartyMember) && p.age <= 78,
            (p) => p.age >= 30 && p.age <= 70,
          ]);
        data.leaders.push(leader(rng, smallId, small.code, 'LEADER', 0, smallLeader));
        if (smallLeader) leaderOf.add(smallLeader.row.id);
        compoundPeople.push(...smallPeople);
      }

      // Compound branch secretary doubles as the medium-grid leader (中网格长).
      const compoundHead = choose(rng, compoundPeople, leaderOf, [
        (p) => p.row.isPartyMember && p.age >= 35 && p.age <= 70,
        (p) => p.row.isPartyMember,
      ]);
      branch.secretaryId = compoundHead?.row.id ?? null;
      branch.secretaryName = compoundHead?.row.name ?? personName(rng, 'FEMALE', rng.int(1965, 1985));
      data.leaders.push(leader(rng, mediumId, compound.code, 'LEADER', 0, compoundHead, branch.secretaryName));
      if (compoundHead) leaderOf.add(compoundHead.row.id);
      communityPeople.push(...compoundPeople);
    }

    // The community party secretary is the large-grid leader (大网格长); deputies live there too;
    // the full-time grid workers (专职网格员) are staff, not necessarily residents.
    const rng = root.fork(community.code);
    const secretary = choose(rng, communityPeople, leaderOf, [
      (p) => p.row.isPartyMember && p.age >= 35 && p.age <= 58,
      (p) => p.row.isPartyMember,
    ]);
    communityOrg.secretaryId = secretary?.row.id ?? null;
    communityOrg.secretaryName = secretary?.row.name ?? personName(rng, 'FEMALE', rng.int(1970, 1985));
    data.leaders.push(leader(rng, largeId, community.code, 'LEADER', 0, secretary, communityOrg.secretaryName));
    if (secretary) leaderOf.add(secretary.row.id);
    const deputies = rng.int(1, 2);
    for (let k = 0; k < deputies; k++) {
      const deputy = choose(rng, communityPeople, leaderOf, [(p) => p.row.isPartyMember && p.age >= 28 && p.age <= 62]);
      if (deputy) leaderOf.add(deputy.row.id);
      data.leaders.push(leader(rng, largeId, community.code, 'DEPUTY', k, deputy));
    }
    const workers = rng.int(3, 6);
    for (let k = 0; k < workers; k++) data.leaders.push(leader(rng, largeId, community.code, 'WORKER', k, null));
  }
  // 3. The offline base map: roads in the gaps between the grids' footprints, a river, parks and ponds.
  const southEdge = [...ringOf(lattice.boundary.slice(0, cols)).slice(0, -1), lattice.boundary[cols].edge.a];
  data.basemap = generateBasemap(new Random(hashSeed(plan.seed, 'basemap')), {
    data,
    frame,
    southEdge,
    communityRoads: new Map(communities.map((c) => [stableId(c.code), c.roads])),
  });
  return data;
}

interface BuildingSpec extends FootprintSize {
  kind: BuildingKind;
  floors: number;
  units: number;
  flatsPerFloor: number;
}

/** Floors, stairwells (单元), flats per floor and ground size of a building of this kind. */
function buildingSpec(rng: Random, kind: BuildingKind): BuildingSpec {
  switch (kind) {
    case 'WALKUP': {
      const units = rng.int(2, 3);
      return { kind, floors: rng.int(5, 7), units, flatsPerFloor: 2, length: units * rng.between(12, 15), depth: rng.between(10, 12) };
    }
    case 'TOWER': {
      const units = rng.int(1, 2);
      return { kind, floors: rng.int(11, 18), units, flatsPerFloor: 2, length: units * rng.between(18, 22), depth: rng.between(15, 18) };
    }
    case 'LANE_HOUSE':
      return { kind, floors: rng.int(1, 3), units: 1, flatsPerFloor: rng.int(1, 2), length: rng.between(9, 14), depth: rng.between(7, 10) };
    case 'NON_RESIDENTIAL':
      return { kind, floors: rng.int(1, 5), units: 1, flatsPerFloor: 0, length: rng.between(20, 50), depth: rng.between(12, 25) };
  }
}

/**
 * Vulnerable-household tags at about a city street's rates: elderly living alone (~5%,
 * from the household's make-up), disabled (~2%), low income (低保, ~1.5%, likelier for
 * the two before), special care (优抚, ~1%, likelier with an elderly member).
 */
function vulnerabilityTags(rng: Random, people: readonly Person[]): string[] {
  const tags: string[] = [];
  const elderly = people.some((p) => p.age >= 65);
  if (people.length === 1 && elderly) tags.push('ELDERLY_ALONE');
  if (rng.chance(0.02)) tags.push('DISABLED');
  if (rng.chance(tags.length ? 0.08 : 0.012)) tags.push('LOW_INCOME');
  if (rng.chance(elderly ? 0.018 : 0.006)) tags.push('SPECIAL_CARE');
  return tags;
}

/** A person meeting the first criterion anyone meets, not already leading a grid; `null` if none. */
function choose(rng: Random, people: readonly Person[], taken: ReadonlySet<string>, criteria: ((p: Person) => boolean)[]): Person | null {
  for (const criterion of criteria) {
    const candidates = people.filter((p) => !taken.has(p.row.id) && criterion(p));
    if (candidates.length) return rng.pick(candidates);
  }
  return null;
}

/** A grid leader assignment; `name` stands in when no resident holds the post. */
function leader(
  rng: Random,
  gridId: string,
  gridCode: string,
  role: Leader['role'],
  k: number,
  person: Person | null,
  name?: string,
): Leader {
  const year = rng.int(2018, REFERENCE_YEAR);
  const month = rng.int(1, year === REFERENCE_YEAR ? 6 : 12);
  return {
    id: stableId(`leader/${gridCode}/${role}/${k}`),
    gridId,
    residentId: person?.row.id ?? null,
    name: person?.row.name ?? name ?? personName(rng, rng.chance(0.6) ? 'FEMALE' : 'MALE', rng.int(1975, 1998)),
    role,
    since: `${year}-${String(month).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
  };
}
