import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { IssueKind } from './import.types';

export enum ImportIssueKind {
  UNSUPPORTED_INPUT = 'UNSUPPORTED_INPUT',
  BAD_FIELD = 'BAD_FIELD',
  INVALID_GEOMETRY = 'INVALID_GEOMETRY',
  DUPLICATE_CODE = 'DUPLICATE_CODE',
  ORPHAN = 'ORPHAN',
  OUTSIDE_PARENT = 'OUTSIDE_PARENT',
  SIBLING_OVERLAP = 'SIBLING_OVERLAP',
  COVERAGE_GAP = 'COVERAGE_GAP',
}
registerEnumType(ImportIssueKind, {
  name: 'ImportIssueKind',
  description: 'What an import report entry is about; every kind stops the write',
});
// The GraphQL enum and the report's union must name the same kinds.
const sameKinds: Record<IssueKind, ImportIssueKind> = ImportIssueKind;
void sameKinds;

@ObjectType('ImportIssue', { description: 'One problem found before anything is written' })
export class ImportIssueType {
  @Field(() => ImportIssueKind)
  kind!: ImportIssueKind;

  @Field(() => Int, { nullable: true, description: 'Index of the feature in the FeatureCollection, when the issue is about one feature' })
  feature?: number;

  @Field(() => String, { nullable: true })
  code?: string;

  @Field(() => String, { nullable: true, description: 'The other grid of an overlap, or the parent of an outside part or orphan' })
  other?: string;

  @Field(() => String)
  message!: string;

  @Field(() => [Float], { nullable: true, description: 'A WGS-84 [lng, lat] to look at' })
  location?: [number, number];

  @Field(() => Float, { nullable: true, description: 'Area of the overlap, outside part or gap, m²' })
  areaM2?: number;

  @Field(() => Float, { nullable: true, description: 'Gaps: percent of the parent not covered' })
  percent?: number;
}

@ObjectType('ImportChanges', { description: 'What the import does (or would do) by code, compared with what is stored' })
export class ImportChangesType {
  @Field(() => Int)
  inserted!: number;

  @Field(() => Int)
  updated!: number;

  @Field(() => Int)
  unchanged!: number;
}

@ObjectType('ImportReport', { description: 'The validation report of an import, the same as `pnpm cli import --json` prints' })
export class ImportReportType {
  @Field(() => String)
  file!: string;

  @Field(() => String, { description: 'Coordinate system the input was read in (converted to WGS84)' })
  crs!: string;

  @Field(() => Boolean, { description: 'True when no crs was given and WGS84 was assumed' })
  crsAssumed!: boolean;

  @Field(() => [String], { description: 'How the source was read' })
  notes!: string[];

  @Field(() => Int)
  features!: number;

  @Field(() => Int)
  grids!: number;

  @Field(() => Int)
  buildings!: number;

  @Field(() => Int, { description: 'Base-map features (kind road, water or green) in the file' })
  basemap!: number;

  @Field(() => [ImportIssueType])
  issues!: ImportIssueType[];

  @Field(() => ImportChangesType)
  changes!: ImportChangesType;

  @Field(() => [String], { description: 'Codes of streets created by the import' })
  streetsCreated!: string[];

  @Field(() => Boolean)
  dryRun!: boolean;

  @Field(() => Boolean, { description: 'True when everything was written, in one transaction' })
  written!: boolean;

  @Field(() => Float, { description: 'Time taken, ms' })
  ms!: number;
}
