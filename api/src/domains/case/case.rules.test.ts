import { CaseStatus } from './case.entity';
import { nextEscalation, TRANSITIONS } from './case.rules';
import { ActorRole } from '../../platform/identity/actor';

const TERMINAL = [CaseStatus.RATED, CaseStatus.REJECTED];

describe('the transition table', () => {
  it('leaves every non-terminal status by some action, and terminal ones by none', () => {
    for (const status of Object.values(CaseStatus)) {
      const exits = Object.values(TRANSITIONS).filter((r) => r.from.includes(status) && r.to !== null);
      if (TERMINAL.includes(status)) expect(exits).toEqual([]);
      else expect(exits.length).toBeGreaterThan(0);
    }
  });

  it('lets only the reporter rate, and only the command centre close, return or extend', () => {
    expect(TRANSITIONS.RATE.roles).toEqual([ActorRole.REPORTER]);
    for (const a of ['CLOSE', 'RETURN', 'EXTEND'] as const) expect(TRANSITIONS[a].roles).toEqual([ActorRole.COMMAND_CENTRE]);
  });

  it('lets a grid leader (or department) request an extension, and only the command centre decline one; neither moves the status', () => {
    expect(TRANSITIONS.REQUEST_EXTENSION.roles).toContain(ActorRole.GRID_LEADER);
    expect(TRANSITIONS.DECLINE_EXTENSION.roles).toEqual([ActorRole.COMMAND_CENTRE]);
    expect(TRANSITIONS.REQUEST_EXTENSION.to).toBeNull();
    expect(TRANSITIONS.DECLINE_EXTENSION.to).toBeNull();
    expect(TRANSITIONS.REQUEST_EXTENSION.from).toEqual(TRANSITIONS.EXTEND.from);
  });

  it('escalates up the grid chain and stops at the street', () => {
    expect([null, 'MEDIUM', 'LARGE', 'STREET'].map(nextEscalation)).toEqual(['MEDIUM', 'LARGE', 'STREET', 'STREET']);
  });
});
