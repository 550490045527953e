export * from '@streetgrid/api/modules/import/index';
export { encodingFromCpg, parseShp, readZippedShapefile, type ShapefileOptions, type ShapefileRead } from './shapefile';
