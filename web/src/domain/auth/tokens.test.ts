import { bearer, isExpired, loadSession, refreshDelay, saveSession, screenFor, sessionFromPayload, type StoredSession } from './tokens';

const user = { id: 'u1', login: 'leader-small', displayName: '网格长', role: 'GRID_LEADER' as const, gridIds: ['g1'] };

function memoryStorage(): Storage {
  const data = new Map<string, string>();
  return {
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (k) => data.get(k) ?? null,
    key: (i) => [...data.keys()][i] ?? null,
    removeItem: (k) => void data.delete(k),
    setItem: (k, v) => void data.set(k, v),
  };
}

describe('token expiry maths', () => {
  it('turns expiresIn seconds into an absolute expiry', () => {
    const s = sessionFromPayload({ accessToken: 'a', refreshToken: 'r', expiresIn: 900, user }, 1_000_000);
    expect(s.expiresAt).toBe(1_000_000 + 900_000);
  });

  it('refreshes a minute before a 15-minute token expires', () => {
    expect(refreshDelay(900_000, 0)).toBe(840_000);
  });

  it('refreshes short tokens halfway through, and due ones at once', () => {
    expect(refreshDelay(60_000, 0)).toBe(30_000);
    expect(refreshDelay(1_000, 0)).toBe(500);
    expect(refreshDelay(0, 10)).toBe(0);
  });

  it('treats a token within the skew of expiry as expired', () => {
    expect(isExpired(10_000, 0)).toBe(false);
    expect(isExpired(10_000, 5_000)).toBe(true);
    expect(isExpired(10_000, 20_000)).toBe(true);
  });

  it('builds the Authorization header', () => {
    expect(bearer('abc')).toBe('Bearer abc');
  });
});

describe('session storage', () => {
  const session: StoredSession = { accessToken: 'a', refreshToken: 'r', expiresAt: 5, user };

  it('round-trips a session and clears it', () => {
    const storage = memoryStorage();
    saveSession(storage, session);
    expect(loadSession(storage)).toEqual(session);
    saveSession(storage, null);
    expect(loadSession(storage)).toBeNull();
  });

  it('ignores junk and missing storage', () => {
    const storage = memoryStorage();
    storage.setItem('streetgrid.session', '{"accessToken":1}');
    expect(loadSession(storage)).toBeNull();
    storage.setItem('streetgrid.session', 'not json');
    expect(loadSession(storage)).toBeNull();
    expect(loadSession(undefined)).toBeNull();
  });
});

describe('screenFor', () => {
  it(
    'gives the command centre the wall screen, leaders their workspace, ' +
      'volunteers the helper screen and residents their household page',
    () => {
      expect(screenFor('STREET_ADMIN')).toBe('wall');
      expect(screenFor('OPERATOR')).toBe('wall');
      expect(screenFor('GRID_LEADER')).toBe('leader');
      expect(screenFor('VOLUNTEER')).toBe('helper');
      expect(screenFor('RESIDENT')).toBe('resident');
      expect(screenFor('DEPARTMENT_STAFF')).toBe('department');
    },
  );
});
