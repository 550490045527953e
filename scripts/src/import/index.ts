export * from '@streetgrid/api/domains/import/index';
export { encodingFromCpg, parseShp, readShapefileFiles, readZippedShapefile, type ShapefileOptions, type ShapefileRead } from './shapefile';
