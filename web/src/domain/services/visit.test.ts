import { visitInput, type VisitDraft } from './visit';

const AT = new Date('2026-11-25T02:00:00Z');
const draft: VisitDraft = { householdId: 'h1', findings: ' 老人身体尚可，冰箱坏了 ', need: null, checkIn: null };

describe('the visit form', () => {
  it('records findings, and a check-in when the leader shared their position', () => {
    expect(visitInput(draft, AT)).toEqual({
      input: { householdId: 'h1', visitedAt: '2026-11-25T02:00:00.000Z', findings: '老人身体尚可，冰箱坏了' },
    });
    expect(visitInput({ ...draft, checkIn: { lng: 120.1, lat: 30.2 } }, AT)).toMatchObject({
      input: { checkInLng: 120.1, checkInLat: 30.2 },
    });
  });

  it('raises a need found on the visit straight onto the needs list', () => {
    const need = { type: 'REPAIR', urgency: 'HIGH' as const, weekday: 3, from: '14:00', to: '16:00', duration: 90, notes: ' 冰箱 ' };
    expect(visitInput({ ...draft, need }, AT)).toMatchObject({
      input: {
        needs: [
          { type: 'REPAIR', urgency: 'HIGH', window: { weekday: 3, startMinute: 840, endMinute: 960 }, durationMinutes: 90, notes: '冰箱' },
        ],
      },
    });
    expect(visitInput({ ...draft, need: { ...need, duration: 180 } }, AT)).toMatchObject({
      field: 'input.needs.0.durationMinutes',
      error: 'services.visitForm.tooLong',
    });
  });

  it('names the field at fault', () => {
    expect(visitInput({ ...draft, findings: '  ' }, AT)).toEqual({ field: 'input.findings', error: 'services.visitForm.needFindings' });
    const need = { type: '', urgency: 'NORMAL' as const, weekday: 3, from: '14:00', to: '16:00', duration: 60, notes: '' };
    expect(visitInput({ ...draft, need }, AT)).toMatchObject({ field: 'input.needs.0.type' });
    expect(visitInput({ ...draft, need: { ...need, type: 'REPAIR', to: '13:00' } }, AT)).toMatchObject({
      field: 'input.needs.0.window.endMinute',
    });
  });
});
