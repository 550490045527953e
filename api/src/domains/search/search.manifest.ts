import type { DomainManifest } from '../../platform/domain';
import { SearchResolver } from './search.resolver';

/** 搜索 — one search box over grids, buildings, households and cases, on the server (row-level security decides what each finds). */
export const searching: DomainManifest = {
  name: 'search',
  resolvers: [SearchResolver],
};
