import { useId } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The one photo input of the app (a case report, a report back, a fulfilled wish): the phone's
 * camera first, at most `max` images, and how many are chosen when more than one may be. The
 * parent holds the files (they go up through `photoForUpload`); setting them to none clears the
 * input too.
 */
export function PhotoPicker({
  label,
  files,
  max = 1,
  onChange,
}: {
  label: string;
  files: File[];
  max?: number;
  onChange(files: File[]): void;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <>
      <label htmlFor={`${id}-photo`}>{label}</label>
      <input
        // A new input when the parent clears the files: a file input cannot be emptied otherwise.
        key={files.length ? 'chosen' : 'empty'}
        id={`${id}-photo`}
        name="photo"
        className="input"
        type="file"
        accept="image/*"
        capture="environment"
        multiple={max > 1}
        onChange={(e) => onChange([...(e.target.files ?? [])].slice(0, max))}
      />
      {max > 1 && files.length > 0 && <p className="report-form__photos">{t('report.photosChosen', { n: files.length })}</p>}
    </>
  );
}
