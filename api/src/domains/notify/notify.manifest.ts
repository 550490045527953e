import type { DomainManifest } from '../../platform/domain';
import { elevated } from '../../platform/db/session';
import { listenInTransaction } from '../../platform/events/in-transaction';
import { CASE_EVENTS } from '../case/case.events';
import { SERVICE_CHANGES } from '../service/service.events';
import { caseNotices, serviceNotices } from './notify.listeners';
import { NotifyResolver } from './notify.resolver';
import { runOutbox } from './notify.worker';
import { configuredChannels, writeNotices } from './notify.writer';

/**
 * 消息通知 — the in-app inbox and the outbound channels (SMS, WeCom group robot). It listens
 * to the case and service domains' events inside their transactions, so a step and the
 * inbox and outbox rows it causes commit together; the outbox worker sends afterwards.
 */
export const notify: DomainManifest = {
  name: 'notify',
  resolvers: [NotifyResolver],
  jobs: [
    {
      name: 'notify outbox',
      // Off without a channel: nothing is ever sent then (and no outbox row is written).
      everyMs: (config) => (configuredChannels(config.notify).length ? config.notify.workerMs : 0),
      run: ({ ds, config }) => runOutbox(ds, config.notify),
    },
  ],
  start({ ds, config }) {
    // Recipients are other people (their accounts, a leader's resident): read and written as the system.
    const undo = [
      listenInTransaction(ds, CASE_EVENTS, (m, events) =>
        elevated(m, async () => writeNotices(m, config.notify, await caseNotices(m, events))),
      ),
      listenInTransaction(ds, SERVICE_CHANGES, (m, changes) =>
        elevated(m, async () => writeNotices(m, config.notify, await serviceNotices(m, changes))),
      ),
    ];
    return () => undo.forEach((u) => u());
  },
};
