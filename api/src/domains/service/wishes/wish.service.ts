import { GraphQLError } from 'graphql';
import type { Db } from '../../../platform/db/session';
import { paginate, pageSize, type ConnectionShape } from '../../../platform/graphql/connection';
import { badInput, conflict, notFound } from '../../../platform/graphql/errors';
import { checkLngLat } from '../../../platform/graphql/spatial-args';
import { inTransaction } from '../../../platform/graphql/transaction';
import { photoStorage, type PhotoStorage } from '../../../platform/storage/photos';
import type { Actor } from '../../../platform/identity/actor';
import { announceServiceEvents, appendServiceEvent } from '../service.events';
import type { WishInput } from './wish.input';
import type { Scope } from '../../../platform/identity/scope';
import { allow, householdFor, type HouseholdReach, requireInPaths, text } from '../service.rules';
import { checkOwner, requireHouseholdIn, SERVICE_CONSTRAINT_FIELDS, UUID } from '../service.service';
import { type EchoItem, MicroWish, WishStatus } from './wish.entity';

/** How long a claim holds a wish before the sweep returns it to the board. */
export const CLAIM_HOURS = 72;
const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

const WISH_CONSTRAINT_FIELDS = {
  ...SERVICE_CONSTRAINT_FIELDS,
  micro_wish_household_id_fkey: 'input.householdId',
  wish_claim_registration_id_fkey: 'registrationId',
  wish_claim_live_idx: 'id',
  wish_claim_wish_id_fkey: 'id',
};

/** Someone else holds the live claim. */
function alreadyClaimed(id: string): GraphQLError {
  return new GraphQLError(`Wish ${id} has already been claimed by someone else`, { extensions: { code: 'CONFLICT', field: 'id' } });
}

/**
 * 微心愿 — post → review (publish or reject) → claim (one live claim per wish, held by a
 * partial unique index) → fulfil (note, photo) → thank; claims expire by the sweep.
 */
export class WishService {
  constructor(
    private readonly ds: Db,
    private readonly storage: PhotoStorage = photoStorage(),
  ) {}

  async post(input: WishInput, actor: Actor, reach: HouseholdReach = { kind: 'any' }): Promise<MicroWish> {
    allow(actor, 'POST_WISH');
    const householdId = householdFor(input.householdId, reach, 'input.householdId');
    if (!UUID.test(householdId)) throw badInput('input.householdId', 'is not an id');
    const title = text(input.title, 'input.title', 100);
    const description = text(input.description, 'input.description', 2000);
    const posterName = text(input.posterName, 'input.posterName', 100);
    return inTransaction(this.ds, WISH_CONSTRAINT_FIELDS, async (m) => {
      await requireHouseholdIn(m, householdId, reach, 'post a wish');
      const [row]: { id: string }[] = await m.query(
        `INSERT INTO micro_wish (household_id, grid_id, grid_path, location, title, description, poster_name, status)
         SELECT h.id, g.id, g.path, b.centroid, $2, $3, $4, 'SUBMITTED'
           FROM household h JOIN building b ON b.id = h.building_id JOIN grid g ON g.id = b.grid_id WHERE h.id = $1
         RETURNING id`,
        [householdId, title, description, posterName],
      );
      if (!row) throw badInput('input.householdId', 'no such household');
      await appendServiceEvent(m, 'WISH', row.id, 'POSTED', actor);
      return m.getRepository(MicroWish).findOneByOrFail({ id: row.id });
    });
  }

  /** A leader publishes the wish on the board, or rejects it with a reason. */
  review(
    id: string,
    version: number,
    publish: boolean,
    actor: Actor,
    reason?: string | null,
    paths: string[] | null = null,
  ): Promise<MicroWish> {
    allow(actor, 'REVIEW_WISH');
    const why = publish ? null : text(reason, 'reason', 1000);
    return this.step(id, version, actor, [WishStatus.SUBMITTED], publish ? 'PUBLISHED' : 'REJECTED', async (m, wish) => {
      requireInPaths(paths, wish.gridPath, 'review a wish');
      await m.query(
        publish
          ? `UPDATE micro_wish SET status = 'PUBLISHED', published_at = now() WHERE id = $1`
          : `UPDATE micro_wish SET status = 'REJECTED', reject_reason = $2 WHERE id = $1`,
        publish ? [id] : [id, why],
      );
    });
  }

  /**
   * A helper claims a published wish. The live claim is inserted first: a second
   * concurrent claim waits on the partial unique index and fails as CONFLICT when the
   * first commits, so exactly one wins.
   */
  async claim(id: string, registrationId: string, actor: Actor, now: Date = new Date(), asUser: string | null = null): Promise<MicroWish> {
    allow(actor, 'CLAIM_WISH');
    if (!UUID.test(id)) throw notFound('MicroWish', id);
    if (!UUID.test(registrationId)) throw badInput('registrationId', 'is not an id');
    try {
      return await inTransaction(this.ds, WISH_CONSTRAINT_FIELDS, async (m) => {
        await checkOwner(m, registrationId, asUser);
        const [helper] = await m.query(`SELECT active FROM service_registration WHERE id = $1`, [registrationId]);
        if (!helper?.active) throw badInput('registrationId', 'no such active registration');
        await m.query(`INSERT INTO wish_claim (wish_id, registration_id, status, claimed_at, expires_at) VALUES ($1, $2, 'LIVE', $3, $4)`, [
          id,
          registrationId,
          now,
          new Date(now.getTime() + CLAIM_HOURS * 3_600_000),
        ]);
        const [updated]: [{ id: string }[], number] = await m.query(
          `UPDATE micro_wish SET status = 'CLAIMED', helper_id = $2, version = version + 1
            WHERE id = $1 AND status = 'PUBLISHED' RETURNING id`,
          [id, registrationId],
        );
        if (!updated.length) {
          const [w] = await m.query(`SELECT status FROM micro_wish WHERE id = $1`, [id]);
          if (!w) throw notFound('MicroWish', id);
          if (w.status === WishStatus.CLAIMED) throw alreadyClaimed(id);
          throw badInput('id', `a ${w.status} wish cannot be claimed; it must be PUBLISHED`, { status: w.status });
        }
        await appendServiceEvent(m, 'WISH', id, 'CLAIMED', actor, null, { registrationId });
        return m.getRepository(MicroWish).findOneByOrFail({ id });
      });
    } catch (error) {
      // The claim lost the race on wish_claim_live_idx, or the wish does not exist (its foreign key).
      const ext = error instanceof GraphQLError ? error.extensions : {};
      if (ext.code === 'BAD_USER_INPUT' && ext.field === 'id' && ext.reason === 'already exists') throw alreadyClaimed(id);
      if (ext.code === 'BAD_USER_INPUT' && ext.field === 'id' && ext.reason === 'refers to something that does not exist')
        throw notFound('MicroWish', id);
      throw error;
    }
  }

  /** The claiming helper fulfils the wish with a note and an optional photo (base64). */
  async fulfil(
    id: string,
    version: number,
    registrationId: string,
    note: string,
    actor: Actor,
    photo?: string | null,
    asUser: string | null = null,
  ): Promise<MicroWish> {
    allow(actor, 'CLAIM_WISH');
    const fulfilNote = text(note, 'note', 2000);
    let bytes: Buffer | null = null;
    if (photo != null) {
      bytes = Buffer.from(photo, 'base64');
      if (!bytes.length || bytes.length > MAX_PHOTO_BYTES || bytes.toString('base64').replace(/=+$/, '') !== photo.replace(/=+$/, ''))
        throw badInput('photo', 'must be base64 of at most 5 MB');
    }
    const hash = bytes ? await this.storage.put(bytes) : null;
    return this.step(id, version, actor, [WishStatus.CLAIMED], 'FULFILLED', async (m, wish) => {
      if (wish.helperId !== registrationId) throw badInput('registrationId', 'only the helper holding the claim may fulfil it');
      await checkOwner(m, registrationId, asUser);
      await m.query(`UPDATE wish_claim SET status = 'FULFILLED' WHERE wish_id = $1 AND status = 'LIVE'`, [id]);
      await m.query(`UPDATE micro_wish SET status = 'FULFILLED', fulfil_note = $2, photo = $3, fulfilled_at = now() WHERE id = $1`, [
        id,
        fulfilNote,
        hash,
      ]);
    });
  }

  /** The household's thanks (the resident, or a leader of its grid on their behalf). */
  thank(id: string, version: number, thanks: string, actor: Actor, reach: HouseholdReach = { kind: 'any' }): Promise<MicroWish> {
    allow(actor, 'THANK_WISH');
    const words = text(thanks, 'thanks', 1000);
    return this.step(id, version, actor, [WishStatus.FULFILLED], 'THANKED', async (m, wish) => {
      await requireHouseholdIn(m, wish.householdId, reach, 'thank for a wish');
      await m.query(`UPDATE micro_wish SET status = 'THANKED', thanks = $2, thanked_at = now() WHERE id = $1`, [id, words]);
    });
  }

  /** Expires live claims past their time at `now`; their wishes go back on the board. Answers the wishes reopened. */
  async expireClaims(now: Date): Promise<string[]> {
    return inTransaction(this.ds, WISH_CONSTRAINT_FIELDS, async (m) => {
      const [expired]: [{ wish_id: string }[], number] = await m.query(
        `UPDATE wish_claim SET status = 'EXPIRED' WHERE status = 'LIVE' AND expires_at <= $1 RETURNING wish_id`,
        [now],
      );
      const ids = expired.map((r) => r.wish_id);
      if (!ids.length) return [];
      await m.query(
        `UPDATE micro_wish SET status = 'PUBLISHED', helper_id = NULL, version = version + 1
          WHERE id = ANY($1::uuid[]) AND status = 'CLAIMED'`,
        [ids],
      );
      const events: { id: string }[] = await m.query(
        `INSERT INTO service_event (subject, subject_id, type, actor_role, actor_name)
         SELECT 'WISH', unnest($1::uuid[]), 'CLAIM_EXPIRED', 'SYSTEM', 'claim-sweep' RETURNING id`,
        [ids],
      );
      await announceServiceEvents(
        m,
        events.map((e) => String(e.id)),
      );
      return ids;
    });
  }

  /** The board: wishes of a grid subtree, by status, claiming helper or the caller's own household, oldest first. */
  list(
    args: {
      gridId?: string | null;
      status?: WishStatus | null;
      helperId?: string | null;
      mine?: boolean | null;
      first?: number | null;
      after?: string | null;
    },
    scope: Scope,
  ): Promise<ConnectionShape<MicroWish>> {
    scope.requireSignedIn();
    const visible = scope.where('MicroWish', 'w');
    const qb = this.ds.getRepository(MicroWish).createQueryBuilder('w').where(visible.sql, visible.params);
    if (args.gridId != null) {
      if (!UUID.test(args.gridId)) throw badInput('gridId', 'is not an id');
      qb.andWhere('w.grid_path <@ (SELECT path FROM grid WHERE id = :g)', { g: args.gridId });
    }
    if (args.status != null) qb.andWhere('w.status = :s', { s: args.status });
    if (args.mine) {
      const v = scope.viewer;
      qb.andWhere('w.household_id = :own', { own: v.kind === 'user' ? v.householdId : null });
    }
    if (args.helperId != null) {
      if (!UUID.test(args.helperId)) throw badInput('helperId', 'is not an id');
      qb.andWhere('w.helper_id = :h', { h: args.helperId });
    }
    return paginate(qb, 'w.seq', (w) => w.seq, args);
  }

  /** Published wishes within `meters` of a point, nearest first: what a helper can claim nearby. */
  async claimableNear(lng: number, lat: number, meters: number, first?: number | null): Promise<MicroWish[]> {
    checkLngLat(lng, lat);
    if (!Number.isFinite(meters) || meters <= 0 || meters > 50_000) throw badInput('meters', 'must be more than 0 and at most 50000');
    const limit = pageSize(first);
    return this.ds
      .getRepository(MicroWish)
      .createQueryBuilder('w')
      .where(`w.status = 'PUBLISHED'`)
      .andWhere('ST_DWithin(w.location::geography, ST_SetSRID(ST_MakePoint(:lng, :lat), 4326)::geography, :meters)', { lng, lat, meters })
      .orderBy('ST_Distance(w.location::geography, ST_SetSRID(ST_MakePoint(:lng, :lat), 4326)::geography)', 'ASC')
      .limit(limit)
      .getMany();
  }

  /**
   * 回音壁 — per community, what was asked and what was done: fulfilled and thanked
   * wishes and closed or rated cases, newest first. Titles, outcomes, thanks and the
   * compound name only: no names, households or addresses.
   */
  async echoWall(communityId: string, first?: number | null): Promise<EchoItem[]> {
    if (!UUID.test(communityId)) throw badInput('communityId', 'is not an id');
    const limit = pageSize(first);
    // The public projections (see the row-level security migration): anyone may read them.
    const [community] = await this.ds.query(`SELECT path::text AS path FROM public_community WHERE id = $1`, [communityId]);
    if (!community) throw badInput('communityId', 'must be a community (a LARGE grid)');
    return this.ds.query(`SELECT * FROM echo_wall_items($1::ltree, $2)`, [community.path, limit]);
  }

  private async step(
    id: string,
    version: number,
    actor: Actor,
    from: WishStatus[],
    event: string,
    change: (m: import('typeorm').EntityManager, wish: MicroWish) => Promise<void>,
  ): Promise<MicroWish> {
    if (!UUID.test(id)) throw notFound('MicroWish', id);
    return inTransaction(this.ds, WISH_CONSTRAINT_FIELDS, async (m) => {
      const wish = await m
        .getRepository(MicroWish)
        .createQueryBuilder('w')
        .setLock('pessimistic_write')
        .where('w.id = :id', { id })
        .getOne();
      if (!wish) throw notFound('MicroWish', id);
      if (wish.version !== version) throw conflict('MicroWish', id, version, wish.version);
      if (!from.includes(wish.status))
        throw badInput('id', `a ${wish.status} wish cannot be ${event.toLowerCase()}; it must be ${from.join(' or ')}`, {
          status: wish.status,
        });
      await change(m, wish);
      await m.query(`UPDATE micro_wish SET version = version + 1 WHERE id = $1`, [id]);
      await appendServiceEvent(m, 'WISH', id, event, actor);
      return m.getRepository(MicroWish).findOneByOrFail({ id });
    });
  }
}
