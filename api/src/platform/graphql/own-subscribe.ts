import type { PubSub } from 'type-graphql';

/**
 * type-graphql insists on a PubSub once a schema has a subscription, but every
 * subscription brings its own `subscribe` (a domain's stream over the event bus), so
 * type-graphql's topics are never used.
 */
export const ownSubscribePubSub: PubSub = {
  publish() {
    throw new Error('events are published on the event bus, not through type-graphql topics');
  },
  subscribe() {
    throw new Error('subscriptions bring their own subscribe, not type-graphql topics');
  },
};
