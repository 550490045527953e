import { districtPlan, generateStreet } from './street';
import { planStreetServices } from './services';

describe('planStreetServices', () => {
  const data = generateStreet(districtPlan(1, 7)[0]);
  const now = new Date('2026-11-25T00:00:00Z');

  it('is deterministic for a seed and a day', () => {
    expect(planStreetServices(data, { seed: 3, now })).toEqual(planStreetServices(data, { seed: 3, now }));
  });

  it('registers ~800 helpers plus units, plans ~2000 open needs, wishes at every stage, visit history up to now', () => {
    const p = planStreetServices(data, { seed: 3, now });
    expect(p.registrations.filter((r) => r.kind !== 'UNIT').length).toBe(800);
    expect(p.registrations.filter((r) => r.kind === 'UNIT').length).toBe(8);
    expect(p.needs).toHaveLength(2000);
    expect(new Set(p.wishes.map((w) => w.status))).toEqual(new Set(['SUBMITTED', 'PUBLISHED', 'CLAIMED', 'FULFILLED', 'THANKED']));
    expect(p.visits.length).toBeGreaterThan(1000);
    expect(p.visits.every((v) => v.visitedAt.getTime() < now.getTime())).toBe(true);
    // Every unit member points at a unit, every registration has a window and a skill.
    const units = new Set(p.registrations.filter((r) => r.kind === 'UNIT').map((r) => r.id));
    expect(p.registrations.every((r) => r.unitId === null || units.has(r.unitId))).toBe(true);
    const withWindow = new Set(p.availability.map((a) => a.registrationId));
    expect(p.registrations.every((r) => withWindow.has(r.id) && r.skills.length > 0)).toBe(true);
    expect(p.availability.every((a) => a.end > a.start && a.end <= 1440)).toBe(true);
  });
});
