import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCode, errorText } from './errors';

/** Runs one piece of work (mutations); answers whether it succeeded. */
export type Run = (work: () => Promise<unknown>) => Promise<boolean>;

/**
 * One write at a time from a panel: `busy` while it runs, its failure as `message` (a stale
 * version — CONFLICT — gets its own words), and `settle` afterwards either way (reload what
 * the panel shows).
 */
export function useRun(settle: () => unknown): { busy: boolean; message: string | null; run: Run } {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const run = useCallback<Run>(
    async (work) => {
      setBusy(true);
      setMessage(null);
      try {
        await work();
        return true;
      } catch (error) {
        setMessage(errorCode(error) === 'CONFLICT' ? t('helper.conflict') : t('services.error', { message: errorText(t, error) }));
        return false;
      } finally {
        setBusy(false);
        await Promise.resolve(settle()).catch(() => undefined);
      }
    },
    [settle, t],
  );
  return { busy, message, run };
}
