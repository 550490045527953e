export * from '@streetgrid/api/modules/import/index';
export { encodingFromCpg, parseShp, readShapefileFiles, readZippedShapefile, type ShapefileOptions, type ShapefileRead } from './shapefile';
