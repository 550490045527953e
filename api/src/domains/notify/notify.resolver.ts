import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../platform/graphql/context';
import type { ConnectionShape } from '../../platform/graphql/connection';
import { NotifyService } from './notify.service';
import { type Notification, NotificationConnection, NotificationPreferences, NotificationPreferencesInput } from './notify.type';

@Resolver()
export class NotifyResolver {
  @Query(() => NotificationConnection, { description: '消息通知 — the signed-in person’s inbox, newest first' })
  notifications(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('unreadOnly', () => Boolean, { nullable: true }) unreadOnly?: boolean,
  ): Promise<ConnectionShape<Notification>> {
    return new NotifyService(ctx.db).list(ctx.scope.viewer, { first, after, unreadOnly });
  }

  @Query(() => Int, { description: 'How many of the signed-in person’s notifications are unread (cheap: poll it)' })
  unreadNotificationCount(@Ctx() ctx: Context): Promise<number> {
    return new NotifyService(ctx.db).unreadCount(ctx.scope.viewer);
  }

  @Query(() => NotificationPreferences, { description: 'Which notifications go out to the signed-in person, how and when' })
  notificationPreferences(@Ctx() ctx: Context): Promise<NotificationPreferences> {
    return new NotifyService(ctx.db).preferences(ctx.scope.viewer);
  }

  @Mutation(() => Int, { description: 'Marks the given notifications (or all) read; answers how many were unread' })
  markNotificationsRead(
    @Ctx() ctx: Context,
    @Arg('ids', () => [ID], { nullable: true }) ids?: string[],
    @Arg('all', () => Boolean, { nullable: true }) all?: boolean,
  ): Promise<number> {
    return new NotifyService(ctx.db).markRead(ctx.scope.viewer, ids, all);
  }

  @Mutation(() => NotificationPreferences)
  setNotificationPreferences(
    @Ctx() ctx: Context,
    @Arg('input', () => NotificationPreferencesInput) input: NotificationPreferencesInput,
  ): Promise<NotificationPreferences> {
    return new NotifyService(ctx.db).setPreferences(ctx.scope.viewer, input);
  }
}
