import type { DomainManifest } from '../../platform/domain';
import { PostsResolver } from './posts.resolver';

/** 岗位公示 — the public posts board, and the party service posts (党群服务阵地) it shows. */
export const posts: DomainManifest = {
  name: 'posts',
  resolvers: [PostsResolver],
};
