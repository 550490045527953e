import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLDateTime, GraphQLJSONObject } from 'graphql-scalars';
import { Connection } from '../../platform/graphql/connection';

/** What a notification tells its recipient. */
export enum NotificationKind {
  CASE_DISPATCHED = 'CASE_DISPATCHED',
  CASE_ESCALATED = 'CASE_ESCALATED',
  CASE_RETURNED = 'CASE_RETURNED',
  EXTENSION_APPROVED = 'EXTENSION_APPROVED',
  EXTENSION_DECLINED = 'EXTENSION_DECLINED',
  CASE_RATED = 'CASE_RATED',
  TASK_CONFIRMED = 'TASK_CONFIRMED',
  WISH_CLAIMED = 'WISH_CLAIMED',
  WISH_FULFILLED = 'WISH_FULFILLED',
}
registerEnumType(NotificationKind, {
  name: 'NotificationKind',
  description:
    'CASE_DISPATCHED 事件派遣给我 · CASE_ESCALATED 事件上报至我（上级网格长或部门） · CASE_RETURNED 返工 · EXTENSION_APPROVED/DECLINED 延期批复 · CASE_RATED 收到评价 · ' +
    'TASK_CONFIRMED 服务任务已确认 · WISH_CLAIMED 心愿被认领 · WISH_FULFILLED 心愿已实现',
});
export const ALL_KINDS = Object.values(NotificationKind);

/** The row a notification is about. */
export enum NotificationSubject {
  CASE = 'CASE',
  MATCH = 'MATCH',
  WISH = 'WISH',
}
registerEnumType(NotificationSubject, { name: 'NotificationSubject' });

/** Outbound channels (the in-app inbox always receives). */
export enum NotificationChannel {
  SMS = 'SMS',
  WECOM = 'WECOM',
}
registerEnumType(NotificationChannel, { name: 'NotificationChannel', description: 'SMS 短信 · WECOM 企业微信群机器人' });
export const ALL_CHANNELS = Object.values(NotificationChannel);

@ObjectType({ description: '消息通知 — one message in the signed-in person’s inbox' })
export class Notification {
  @Field(() => ID)
  id!: string;

  @Field(() => NotificationKind)
  kind!: NotificationKind;

  @Field(() => NotificationSubject)
  subjectType!: NotificationSubject;

  @Field(() => ID, { description: 'The case, match or wish it is about' })
  subjectId!: string;

  @Field(() => GraphQLJSONObject, { description: 'What the text shows: e.g. number (the case number), note, rating, until' })
  params!: Record<string, unknown>;

  @Field(() => GraphQLDateTime, { nullable: true })
  readAt!: Date | null;

  @Field(() => GraphQLDateTime)
  createdAt!: Date;
}

export const NotificationConnection = Connection(Notification);

@ObjectType({ description: 'Which notifications go out, on which channels, and when not' })
export class NotificationPreferences {
  @Field(() => [NotificationKind], { description: 'Kinds sent on the channels (the inbox keeps every kind)' })
  kinds!: NotificationKind[];

  @Field(() => [NotificationChannel])
  channels!: NotificationChannel[];

  @Field(() => Int, { nullable: true, description: 'Quiet hours start, minutes after midnight Beijing time (0–1439)' })
  quietStart!: number | null;

  @Field(() => Int, { nullable: true, description: 'Quiet hours end (messages wait until then)' })
  quietEnd!: number | null;
}

@InputType()
export class NotificationPreferencesInput {
  @Field(() => [NotificationKind])
  kinds!: NotificationKind[];

  @Field(() => [NotificationChannel])
  channels!: NotificationChannel[];

  @Field(() => Int, { nullable: true })
  quietStart?: number | null;

  @Field(() => Int, { nullable: true })
  quietEnd?: number | null;
}
