import { Kind, type DocumentNode, type FieldNode } from 'graphql';
import { GRID_CASE_FACTS_QUERY, OPEN_CASES_QUERY } from './operations';
import { OPEN_STATUSES } from './types';

/** Each top-level field of the document's operation as `alias(status)`. */
function fields(document: DocumentNode): string[] {
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) throw new Error('no operation');
  return operation.selectionSet.selections
    .filter((s): s is FieldNode => s.kind === Kind.FIELD)
    .map((f) => {
      const status = f.arguments?.find((a) => a.name.value === 'status')?.value;
      return `${f.alias?.value ?? f.name.value}(${status?.kind === Kind.ENUM ? status.value : ''})`;
    });
}

describe('open-case totals', () => {
  const perStatus = OPEN_STATUSES.flatMap((s) => [`s_${s}(${s})`, `o_${s}(${s})`]);

  it('asks for the open and overdue cases of every open status, aliased by it', () => {
    expect(fields(OPEN_CASES_QUERY)).toEqual([...perStatus, 'today()']);
    expect(fields(GRID_CASE_FACTS_QUERY)).toEqual([...perStatus, 'indicators()']);
  });
});
