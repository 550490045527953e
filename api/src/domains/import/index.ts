export * from './import.types';
export { parseFieldMap, readFeatureCollection, DEFAULT_FIELD_MAP, type FieldMap, type ReadResult } from './import.read';
export { formatReport } from './import.report';
export { importGeoJson, type ImportOptions } from './import.service';
export { GAP_TOLERANCE_PERCENT, TOLERANCE_M2 } from './import.sql';
