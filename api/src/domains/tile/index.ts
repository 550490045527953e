export * from './tile.layers';
export * from './tile.sql';
export * from './tile.service';
export * from './tile.router';
