import { isConnectionError, nameOf, parseLsn, replicaRetryable } from './replicas';

describe('read replicas: helpers', () => {
  it('reads WAL positions as byte numbers, ordered as PostgreSQL orders them', () => {
    expect(parseLsn('0/3000000')).toBe(0x3000000n);
    expect(parseLsn('16/B374D848')).toBe((0x16n << 32n) + 0xb374d848n);
    expect(parseLsn('1/0')! > parseLsn('0/FFFFFFFF')!).toBe(true);
    expect(parseLsn(null)).toBeNull();
    expect(parseLsn('not an lsn')).toBeNull();
  });

  it('tells a server that is gone from a statement that failed', () => {
    expect(isConnectionError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5433'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isConnectionError({ code: '57P01', message: 'terminating connection due to administrator command' })).toBe(true);
    expect(isConnectionError({ code: '57P03', message: 'the database system is shutting down' })).toBe(true);
    expect(isConnectionError({ driverError: { code: '08006' } })).toBe(true);
    expect(isConnectionError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isConnectionError({ code: '23505', message: 'duplicate key value violates unique constraint' })).toBe(false);
    expect(isConnectionError({ code: '42501', message: 'permission denied' })).toBe(false);
    expect(isConnectionError(undefined)).toBe(false);
  });

  it('retries on the primary only what the primary can answer instead', () => {
    expect(replicaRetryable({ code: '40001', message: 'canceling statement due to conflict with recovery' })).toBe(true);
    expect(replicaRetryable({ code: '40001', message: 'could not serialize access' })).toBe(false);
    expect(replicaRetryable({ code: '57P01', message: 'terminating connection' })).toBe(true);
    expect(replicaRetryable({ code: '22P02', message: 'invalid input syntax for type uuid' })).toBe(false);
  });

  it('names a replica without its credentials', () => {
    expect(nameOf('postgres://app:secret@10.0.0.5:5433/streetgrid')).toBe('10.0.0.5:5433/streetgrid');
    expect(nameOf('postgres://app:secret@db-replica/streetgrid')).toBe('db-replica:5432/streetgrid');
  });
});
