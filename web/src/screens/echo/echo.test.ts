import { echoLink } from '../../domain/services/echoLink';
import { echoFromLocation, groupByCompound, type EchoItem } from './echo';

const item = (id: string, compound: string): EchoItem => ({
  id,
  kind: 'WISH',
  title: id,
  outcome: null,
  contributors: [],
  thanks: null,
  compound,
  doneAt: '2026-11-25T00:00:00Z',
});

describe('the echo wall', () => {
  it('is /echo (or ?echo on any page), optionally with a community code from a QR code', () => {
    const none = { communityCode: null, badCode: null };
    expect(echoFromLocation('/', '')).toEqual({ requested: false, ...none });
    expect(echoFromLocation('/', '?theme=light')).toEqual({ requested: false, ...none });
    expect(echoFromLocation('/echo', '')).toEqual({ requested: true, ...none });
    expect(echoFromLocation('/echo/', '')).toEqual({ requested: true, ...none });
    expect(echoFromLocation('/', '?echo')).toEqual({ requested: true, ...none });
    expect(echoFromLocation('/echo', '?community=330106001001')).toEqual({ requested: true, communityCode: '330106001001', badCode: null });
    expect(echoFromLocation('/', '?echo=330106001001&theme=light')).toEqual({
      requested: true,
      communityCode: '330106001001',
      badCode: null,
    });
    expect(echoFromLocation('/echoes', '?community=330106001001')).toEqual({ requested: false, ...none });
  });

  it('keeps what is not a community code apart (a UUID, a street code, a typo), so the page can say so', () => {
    expect(echoFromLocation('/echo', '?community=330106001')).toEqual({ requested: true, communityCode: null, badCode: '330106001' });
    const uuid = '0b6e2c1e-8a5f-4d8e-9c1a-1f2e3d4c5b6a';
    expect(echoFromLocation('/', `?echo=${uuid}`)).toEqual({ requested: true, communityCode: null, badCode: uuid });
  });

  it('links a community by its code', () => {
    expect(echoLink('330106001001')).toBe('/echo?community=330106001001');
    expect(echoFromLocation('/echo', echoLink('330106001001').split('/echo')[1])).toMatchObject({ communityCode: '330106001001' });
  });

  it('groups items by compound, newest compound first, keeping the order inside', () => {
    const groups = groupByCompound([item('a', '一区'), item('b', '二区'), item('c', '一区')]);
    expect(groups.map((g) => [g.compound, g.items.map((i) => i.id)])).toEqual([
      ['一区', ['a', 'c']],
      ['二区', ['b']],
    ]);
  });
});
