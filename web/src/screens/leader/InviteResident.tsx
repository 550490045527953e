import { errorText } from '../../graphql/errors';
import { useApolloClient } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InvitedRole } from '../../graphql/generated/graphql';
import { useFormatters } from '../../i18n/useFormatters';
import { INVITE_RESIDENT } from './operations';

/**
 * 邀请注册 on a resident's row: a code for them to make their own account as a resident or a
 * volunteer, shown once with its expiry, to read out or send; they sign up with it on the
 * sign-in page.
 */
export function InviteResident({ residentId }: { residentId: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const client = useApolloClient();
  const [role, setRole] = useState<InvitedRole>('RESIDENT');
  const [busy, setBusy] = useState(false);
  const [given, setGiven] = useState<{ code: string; expiresAt: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const invite = async () => {
    setBusy(true);
    setError(null);
    try {
      const { data } = await client.mutate({ mutation: INVITE_RESIDENT, variables: { residentId, role } });
      if (data) setGiven(data.inviteResident);
    } catch (caught) {
      setError(t('leader.error', { message: errorText(t, caught) }));
    } finally {
      setBusy(false);
    }
  };
  if (given)
    return (
      <span className="invite" role="status">
        {t('invite.code')} <output data-invitation-code>{given.code}</output>{' '}
        {t('invite.until', { date: format.dateTime(given.expiresAt) })}
      </span>
    );
  return (
    <span className="invite">
      <select className="input" value={role} onChange={(e) => setRole(e.target.value as InvitedRole)} aria-label={t('invite.role')}>
        <option value="RESIDENT">{t('role.RESIDENT')}</option>
        <option value="VOLUNTEER">{t('role.VOLUNTEER')}</option>
      </select>
      <button type="button" className="button" disabled={busy} onClick={() => void invite()} data-action="invite">
        {t('invite.give')}
      </button>
      {error && <span role="alert">{error}</span>}
    </span>
  );
}
