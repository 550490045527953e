import { postsLink } from '../../domain/party/postsLink';
import { postsFromLocation } from './posts';

describe('the posts board’s address', () => {
  it('reads a community, compound or building grid’s code from /p/<code>', () => {
    expect(postsFromLocation('/p/330106001001')).toEqual({ requested: true, code: '330106001001', badCode: null });
    expect(postsFromLocation('/p/3301060010010010001/')).toEqual({ requested: true, code: '3301060010010010001', badCode: null });
  });

  it('tells a malformed code apart from another page', () => {
    expect(postsFromLocation('/p/330106001')).toEqual({ requested: true, code: null, badCode: '330106001' });
    expect(postsFromLocation('/echo')).toEqual({ requested: false, code: null, badCode: null });
    expect(postsFromLocation('/p/1/2')).toEqual({ requested: false, code: null, badCode: null });
  });

  it('links back to the same address', () => {
    expect(postsFromLocation(postsLink('330106001001001')).code).toBe('330106001001001');
  });
});
