import type { DomainManifest } from '../../platform/domain';
import { PostsBoardPublicityResolver } from './publicity.board';
import { createPublicityLoaders } from './publicity.loader';
import { CommunityActivityResolver, CovenantResolver, DeedResolver, NoticeResolver } from './publicity.resolver';

/** 宣传 — notices with read receipts, the residents' covenant, exemplary deeds and community activities; their part of the posts board. */
export const publicity: DomainManifest = {
  name: 'publicity',
  resolvers: [NoticeResolver, CovenantResolver, DeedResolver, CommunityActivityResolver, PostsBoardPublicityResolver],
  loaders: createPublicityLoaders,
};
