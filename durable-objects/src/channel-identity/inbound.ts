/** Platforms a ChannelIdentity can serve. */
export type ChannelPlatform = "telegram" | "slack" | "discord" | "feishu";

/** A verified webhook event, reduced to what the ingress needs; the same shape for every platform. */
export type InboundEvent =
  /** `chatId`: where replies go (a chat, a DM channel, or a Discord interaction's "<application id>/<token>"). */
  | { kind: "text"; eventId: string; chatId: string; text: string }
  | { kind: "button"; eventId: string; chatId: string; data: string; callbackId?: string };

/** The name of the ChannelIdentity object of one IM account on one platform. */
export const identityName = (platform: ChannelPlatform, platformUserId: string) => `${platform}:${platformUserId}`;
