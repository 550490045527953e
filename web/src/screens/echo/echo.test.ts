import { echoFromSearch, groupByCompound, type EchoItem } from './echo';

const item = (id: string, compound: string): EchoItem => ({ id, kind: 'WISH', title: id, outcome: null, thanks: null, compound, doneAt: '2026-11-25T00:00:00Z' });

describe('the echo wall', () => {
  it('is asked for with ?echo, optionally naming the community', () => {
    expect(echoFromSearch('')).toEqual({ requested: false, communityId: null });
    expect(echoFromSearch('?theme=light')).toEqual({ requested: false, communityId: null });
    expect(echoFromSearch('?echo')).toEqual({ requested: true, communityId: null });
    expect(echoFromSearch('?echo=abc&theme=light')).toEqual({ requested: true, communityId: 'abc' });
  });

  it('groups items by compound, newest compound first, keeping the order inside', () => {
    const groups = groupByCompound([item('a', '一区'), item('b', '二区'), item('c', '一区')]);
    expect(groups.map((g) => [g.compound, g.items.map((i) => i.id)])).toEqual([
      ['一区', ['a', 'c']],
      ['二区', ['b']],
    ]);
  });
});
