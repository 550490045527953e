import { useQuery } from '@apollo/client/react';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_CATEGORIES_QUERY } from './operations';
import type { CaseCategory } from './types';

/** The category table, and a category code's name in the UI's language (the code itself until it loads). */
export function useCategories(): { categories: CaseCategory[]; nameOf: (code: string) => string } {
  const { i18n } = useTranslation();
  const { data } = useQuery(CASE_CATEGORIES_QUERY);
  const categories = data?.caseCategories ?? [];
  const zh = i18n.language !== 'en';
  const nameOf = useCallback(
    (code: string) => {
      const c = data?.caseCategories.find((x) => x.code === code);
      return c ? (zh ? c.nameZh : c.nameEn) : code;
    },
    [data, zh],
  );
  return { categories, nameOf };
}
