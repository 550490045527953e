import { useApolloClient } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { UPDATE_ORGANIZATION } from './operations';

export interface EditableOrganization {
  id: string;
  version: number;
  name: string;
  duties: string;
  published: boolean;
  contacts: { name: string; phone?: string | null }[];
}

/** "张三 13800000000" per line → contacts; a line without digits is a name alone. */
export function parseContacts(text: string): { name: string; phone: string | null }[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const m = /^(.*?)[\s,，]+([+\d][\d\s-]*\d)$/.exec(line);
      return m ? { name: m[1].trim(), phone: m[2].replace(/\s/g, '') } : { name: line, phone: null };
    });
}

/**
 * Changes an organisation in place: name, 细化职责, contacts (one per line), published. Sends the
 * version it read: if someone changed it meanwhile, the API answers CONFLICT and nothing is saved.
 */
export function OrganizationEditor({
  org,
  run,
  onClose,
}: {
  org: EditableOrganization;
  /** Runs the write and reloads the list; answers whether it went through (failures are shown by the caller). */
  run: (work: () => Promise<unknown>, done: string) => Promise<boolean>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const client = useApolloClient();
  const [form, setForm] = useState({
    name: org.name,
    duties: org.duties,
    contacts: org.contacts.map((c) => [c.name, c.phone].filter(Boolean).join(' ')).join('\n'),
    published: org.published,
  });
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await run(
      () =>
        client.mutate({
          mutation: UPDATE_ORGANIZATION,
          variables: {
            input: {
              id: org.id,
              version: org.version,
              name: form.name,
              duties: form.duties,
              contacts: parseContacts(form.contacts),
              published: form.published,
            },
          },
        }),
      t('organizations.saved'),
    );
    if (ok) onClose();
  };
  return (
    <form onSubmit={(e) => void save(e)} data-form="edit-organization">
      <label>
        {t('organizations.name')}
        <input className="input" name="edit-name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
      </label>
      <label>
        {t('organizations.duties')}
        <textarea className="input" name="edit-duties" value={form.duties} onChange={(e) => setForm({ ...form, duties: e.target.value })} />
      </label>
      <label>
        {t('organizations.contactsLabel')}
        <textarea
          className="input"
          name="edit-contacts"
          value={form.contacts}
          onChange={(e) => setForm({ ...form, contacts: e.target.value })}
        />
      </label>
      <label>
        <input
          type="checkbox"
          name="edit-published"
          checked={form.published}
          onChange={(e) => setForm({ ...form, published: e.target.checked })}
        />
        {t('organizations.publish')}
      </label>
      <button type="submit" className="button" data-action="save-organization" disabled={!form.name.trim()}>
        {t('organizations.save')}
      </button>
      <button type="button" className="button" onClick={onClose}>
        {t('organizations.cancel')}
      </button>
    </form>
  );
}
