import { isValidIdNumber, isValidPhone } from '@streetgrid/api/domains/resident/resident.privacy';
import type { StreetData } from '@streetgrid/api/seed/street-data';
import { areaM2, bboxOf, bboxIntersects, coverageGap, findOverlaps, outsideParent, parseGridCode, parentCode } from '@streetgrid/geo';
import { districtPlan, generateStreet } from './street';

type Grid = StreetData['grids'][number];

describe('generateStreet', () => {
  const [plan] = districtPlan(1, 1);
  const street = generateStreet(plan);
  const byLevel = (level: Grid['level']) => street.grids.filter((g) => g.level === level);
  const childrenOf = (id: string | null) => street.grids.filter((g) => g.parentId === id);

  it('is a pure function of the seed: the same plan gives byte-identical output, another seed differs', () => {
    expect(JSON.stringify(generateStreet(plan))).toBe(JSON.stringify(street));
    expect(generateStreet(districtPlan(1, 2)[0]).residents[0]).not.toEqual(street.residents[0]);
  });

  it('has the size of a real street (DOMAIN.md "Scale to design for")', () => {
    const km2 = areaM2(street.street.geometry) / 1e6;
    expect(km2).toBeGreaterThan(3.8);
    expect(km2).toBeLessThan(6.5);
    expect(byLevel('LARGE').length).toBeGreaterThanOrEqual(8);
    expect(byLevel('LARGE').length).toBeLessThanOrEqual(12);
    expect(byLevel('MEDIUM').length).toBeGreaterThanOrEqual(40);
    expect(byLevel('MEDIUM').length).toBeLessThanOrEqual(100);
    expect(byLevel('SMALL').length).toBeGreaterThanOrEqual(200);
    expect(byLevel('SMALL').length).toBeLessThanOrEqual(600);
    expect(street.buildings.length).toBeGreaterThanOrEqual(1000);
    expect(street.buildings.length).toBeLessThanOrEqual(3000);
    expect(street.households.length).toBeGreaterThanOrEqual(18000);
    expect(street.households.length).toBeLessThanOrEqual(40000);
    expect(street.residents.length).toBeGreaterThanOrEqual(45000);
    expect(street.residents.length).toBeLessThanOrEqual(100000);
  });

  it('gives every grid a valid, unique code under its parent’s code', () => {
    const codes = street.grids.map((g) => g.code);
    expect(new Set(codes).size).toBe(codes.length);
    const byId = new Map(street.grids.map((g) => [g.id, g]));
    for (const grid of street.grids) {
      const parsed = parseGridCode(grid.code);
      expect(parsed.level).toBe(grid.level);
      expect(parsed.street).toBe(street.street.code);
      expect(grid.parentId ? byId.get(grid.parentId)?.code : null).toBe(parentCode(grid.code));
    }
    const buildingCodes = street.buildings.map((b) => b.code);
    expect(new Set(buildingCodes).size).toBe(buildingCodes.length);
  });

  it('tiles each level exactly: no sibling overlaps, children inside their parent, no coverage gap', () => {
    const parents: { id: string | null; geometry: Grid['geometry'] }[] = [
      { id: null, geometry: street.street.geometry },
      ...byLevel('LARGE'),
      ...byLevel('MEDIUM'),
    ];
    for (const parent of parents) {
      const children = childrenOf(parent.id);
      expect(children.length).toBeGreaterThan(0);
      expect(
        findOverlaps(
          children.map((c) => ({ id: c.code, geometry: c.geometry })),
          1,
        ),
      ).toEqual([]);
      expect(
        coverageGap(
          parent.geometry,
          children.map((c) => c.geometry),
        ).gapPercent,
      ).toBeLessThan(0.5);
      for (const child of children) expect(outsideParent(child.geometry, parent.geometry, 1).outside).toBe(false);
    }
  });

  it('puts every building inside its small grid, clear of the others', () => {
    const small = new Map(byLevel('SMALL').map((g) => [g.id, g]));
    for (const building of street.buildings) {
      const grid = small.get(building.gridId);
      expect(grid).toBeDefined();
      expect(outsideParent(building.footprint, grid!.geometry, 0.01).outside).toBe(false);
    }
    for (const grid of small.values()) {
      const inGrid = street.buildings.filter((b) => b.gridId === grid.id);
      expect(inGrid.length).toBeGreaterThan(0);
      expect(
        findOverlaps(
          inGrid.map((b) => ({ id: b.code, geometry: b.footprint })),
          0.01,
        ),
      ).toEqual([]);
    }
  });

  it('issues valid, unique ID numbers matching each resident’s county, birth year and sex, and mainland mobiles', () => {
    const ids = street.residents.map((r) => r.idNumber!);
    expect(new Set(ids).size).toBe(ids.length);
    const wrong = street.residents.filter(
      (r) =>
        !isValidIdNumber(r.idNumber!) ||
        r.idNumber!.slice(0, 6) !== street.street.code.slice(0, 6) ||
        Number(r.idNumber!.slice(6, 10)) !== r.birthYear ||
        Number(r.idNumber![16]) % 2 !== (r.gender === 'MALE' ? 1 : 0) ||
        (r.phone !== null && !isValidPhone(r.phone)),
    );
    expect(wrong).toEqual([]);
  });

  it('fills households consistently: size = members, one householder, unique rooms per building', () => {
    const members = new Map<string, StreetData['residents']>();
    for (const r of street.residents) {
      const list = members.get(r.householdId) ?? [];
      list.push(r);
      members.set(r.householdId, list);
    }
    const inconsistent = street.households.filter((h) => {
      const people = members.get(h.id) ?? [];
      return people.length !== h.size || people.filter((p) => p.relation === 'HOUSEHOLDER').length !== 1;
    });
    expect(inconsistent).toEqual([]);
    expect(new Set(street.households.map((h) => `${h.buildingId}/${h.unit}/${h.room}`)).size).toBe(street.households.length);
  });

  it('draws people and vulnerable households at realistic rates', () => {
    const share = (n: number, of: number) => n / of;
    const r = street.residents;
    const h = street.households;
    expect(share(r.filter((p) => p.isPartyMember).length, r.length)).toBeGreaterThan(0.05);
    expect(share(r.filter((p) => p.isPartyMember).length, r.length)).toBeLessThan(0.09);
    expect(r.filter((p) => p.isInServicePartyMember).every((p) => p.isPartyMember)).toBe(true);
    expect(r.some((p) => p.isRetiredCadre)).toBe(true);
    expect(share(r.filter((p) => p.isVolunteer).length, r.length)).toBeGreaterThan(0.03);
    const tagged = (tag: string) => share(h.filter((x) => x.tags.includes(tag)).length, h.length);
    expect(tagged('ELDERLY_ALONE')).toBeGreaterThan(0.035);
    expect(tagged('ELDERLY_ALONE')).toBeLessThan(0.065);
    expect(tagged('DISABLED')).toBeGreaterThan(0.012);
    expect(tagged('DISABLED')).toBeLessThan(0.03);
    expect(tagged('LOW_INCOME')).toBeGreaterThan(0.008);
    expect(tagged('LOW_INCOME')).toBeLessThan(0.025);
    expect(tagged('SPECIAL_CARE')).toBeGreaterThan(0.005);
    expect(tagged('SPECIAL_CARE')).toBeLessThan(0.018);
    const common = new Map<string, number>();
    for (const p of r) common.set(p.name[0], (common.get(p.name[0]) ?? 0) + 1);
    const topSurnames = [...common]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([s]) => s);
    expect(topSurnames).toEqual(expect.arrayContaining(['王', '陈']));
  });

  it('fills the five-level party chain along the grids, with central households among members’ homes', () => {
    const orgs = street.partyOrganizations;
    const orgByGrid = new Map(orgs.filter((o) => o.gridId && o.level !== 'CENTRAL_HOUSEHOLD').map((o) => [o.gridId!, o]));
    const orgById = new Map(orgs.map((o) => [o.id, o]));
    expect(orgs.filter((o) => o.level === 'STREET_COMMITTEE')).toHaveLength(1);
    const expectedLevel = { LARGE: 'COMMUNITY', MEDIUM: 'COMPOUND_BRANCH', SMALL: 'BUILDING_GROUP' } as const;
    for (const grid of street.grids) {
      const org = orgByGrid.get(grid.id)!;
      expect(org.level).toBe(expectedLevel[grid.level]);
      const parent = orgById.get(org.parentId!)!;
      expect(parent.level).toBe(grid.parentId ? orgByGrid.get(grid.parentId)!.level : 'STREET_COMMITTEE');
    }
    const central = orgs.filter((o) => o.level === 'CENTRAL_HOUSEHOLD');
    const households = new Map(street.households.map((x) => [x.id, x]));
    const residents = new Map(street.residents.map((x) => [x.id, x]));
    for (const o of central) {
      expect(orgById.get(o.parentId!)!.level).toBe('BUILDING_GROUP');
      expect(households.get(o.householdId!)!.tags).toContain('CENTRAL_HOUSEHOLD');
      const secretary = residents.get(o.secretaryId!)!;
      expect(secretary.isPartyMember).toBe(true);
      expect(secretary.householdId).toBe(o.householdId);
    }
    const perCentral = street.households.length / central.length;
    expect(perCentral).toBeGreaterThan(20);
    expect(perCentral).toBeLessThan(45);
  });

  it('names one leader per grid, with deputies and workers on the large grids', () => {
    const residents = new Set(street.residents.map((r) => r.id));
    for (const grid of street.grids) {
      const leaders = street.leaders.filter((l) => l.gridId === grid.id);
      expect(leaders.filter((l) => l.role === 'LEADER')).toHaveLength(1);
      if (grid.level === 'LARGE') {
        expect(leaders.filter((l) => l.role === 'DEPUTY').length).toBeGreaterThanOrEqual(1);
        expect(leaders.filter((l) => l.role === 'WORKER').length).toBeGreaterThanOrEqual(3);
      }
    }
    for (const l of street.leaders) {
      if (l.residentId) expect(residents.has(l.residentId)).toBe(true);
      expect(l.since).toMatch(/^20\d{2}-\d{2}-\d{2}$/);
    }
    expect(street.leaders.filter((l) => l.role === 'LEADER' && l.residentId).length / street.grids.length).toBeGreaterThan(0.9);
  });
});

describe('districtPlan', () => {
  it('places streets with distinct codes side by side, the first the same whatever the size', () => {
    const plans = districtPlan(20, 1);
    expect(new Set(plans.map((p) => p.code)).size).toBe(20);
    expect(new Set(plans.map((p) => p.name)).size).toBe(20);
    expect(plans[0]).toEqual(districtPlan(1, 1)[0]);
    expect(() => districtPlan(0, 1)).toThrow(RangeError);
  });

  it('gives neighbouring streets disjoint areas and disjoint ID numbers', () => {
    const [a, b] = districtPlan(2, 1).map(generateStreet);
    expect(bboxIntersects(bboxOf(a.street.geometry), bboxOf(b.street.geometry))).toBe(false);
    const ids = new Set(a.residents.map((r) => r.idNumber));
    expect(b.residents.some((r) => ids.has(r.idNumber))).toBe(false);
  });
});
