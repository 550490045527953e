import 'reflect-metadata';
export { readConfig, type Config } from './config';
export { connectDatabase, entities, StatementCounter, type Database } from './db/data-source';
export { openDatabase, type OpenDatabase } from './db/database';
export { startEmbedded, type EmbeddedDatabase } from './db/embedded';
export { buildFederatedSchema, buildSubgraphSDL } from './graphql/build-subgraph-schema';
export { createApp, type App } from './server';
export { idCheckChar, maskIdNumber, maskPhone } from './modules/resident/resident.privacy';
export type { DataSource, EntityManager } from 'typeorm';
