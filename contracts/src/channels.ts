import { z } from "zod";

/** IM platforms with a company bot. */
export const ChannelName = z.enum(["telegram", "slack", "discord", "feishu"]).meta({ id: "ChannelName" });
export type ChannelName = z.infer<typeof ChannelName>;

export const PairingCodeIssued = z
  .object({
    channel: ChannelName,
    code: z.string().meta({ description: "13 Crockford base32 symbols (65 bits); single use; a newer code cancels it" }),
    expiresAt: z.string(),
    deepLink: z.string().nullable().meta({ description: "Opens the bot with the code (Telegram: https://t.me/<bot>?start=<code>); null where the code is sent by hand" }),
    qrSvg: z.string().nullable().meta({ description: "The deep link as a QR code, SVG rendered by ClawGate itself; null without a deep link" }),
    instructions: z.string(),
  })
  .meta({ id: "PairingCodeIssued" });

export const PairedAccount = z
  .object({ id: z.string(), channel: ChannelName, pairedAt: z.string(), lastActivityAt: z.string().nullable(), messageCount: z.number().int() })
  .meta({ id: "PairedAccount" });
export type PairedAccount = z.infer<typeof PairedAccount>;

export const PortalChannel = z
  .object({
    channel: ChannelName,
    configured: z.boolean().meta({ description: "The company bot is set up (pairing possible)" }),
    pending: z.object({ state: z.enum(["awaiting_code", "awaiting_confirmation"]), expiresAt: z.string() }).nullable(),
    bindings: z.array(PairedAccount),
  })
  .meta({ id: "PortalChannel" });

export const AdminChannelBinding = z
  .object({
    id: z.string(),
    channel: ChannelName,
    employeeId: z.string(),
    employeeName: z.string(),
    pairedAt: z.string(),
    lastActivityAt: z.string().nullable(),
    messageCount: z.number().int(),
  })
  .meta({ id: "AdminChannelBinding" });

export const ChannelSettings = z
  .object({
    channel: ChannelName,
    configured: z.boolean(),
    webhookPath: z.string(),
    /** Public, non-secret settings (bot username, API base, Discord's public key). */
    settings: z.record(z.string(), z.string().nullable()),
    /** Which secrets are set — never their values. */
    secrets: z.record(z.string(), z.boolean()),
    pairedAccounts: z.number().int(),
  })
  .meta({ id: "ChannelSettings" });
