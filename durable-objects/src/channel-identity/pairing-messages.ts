import type { PairingRefusal } from "../channel-directory/channel-directory.ts";

/** Everything an unpaired account is ever told: how to pair, and nothing about any agent. */
export const PAIRING_INSTRUCTIONS =
  "This bot connects you to your ClawGate agent. To pair this account, open the ClawGate portal, choose Channels → Connect, and scan the QR code (or send /start followed by the code shown there).";

export const confirmPrompt = (name: string, position: string) =>
  `Pair this account with ${name} (${position})? Your messages here will go to their ClawGate agent. Tap Confirm or reply YES within 10 minutes.`;

export const PAIRED = (name: string) => `Paired: this account now talks to ${name}'s ClawGate agent. Send a message to start.`;
export const PAIRING_CANCELLED = "Pairing cancelled. Nothing was changed.";
export const ALREADY_PAIRED_TO_SELF = "This account is already paired with you. Just send a message.";
export const ALREADY_PAIRED_TO_OTHER =
  "This account is already paired with another ClawGate employee. Unpair it in the portal first; nothing was changed.";

const REFUSALS: Record<PairingRefusal, string> = {
  unknown: "That pairing code is not valid. Create a new one in the ClawGate portal.",
  expired: "That pairing code has expired. Create a new one in the ClawGate portal.",
  used: "That pairing code was already used. Create a new one in the ClawGate portal.",
  cancelled: "That pairing code was replaced by a newer one. Use the latest code from the ClawGate portal.",
  claimed_by_another_account: "That pairing code was already presented from another account; it cannot pair this one.",
  wrong_account: "That confirmation belongs to another account; nothing was changed.",
  confirmation_expired: "The confirmation window has passed. Create a new code in the ClawGate portal.",
};

export const refusalMessage = (reason: PairingRefusal) => REFUSALS[reason];

/** A paired account whose pairing could not be checked (D1 down or slow): told plainly, and no agent is reached. */
export const TRY_AGAIN =
  "ClawGate could not check this account's pairing just now, so your message was not passed to any agent. Please send it again in a minute.";

/** The employee's agent could not be reached after every retry. */
export const AGENT_UNAVAILABLE = "Your ClawGate agent could not be reached, so this message was not answered. Please send it again later.";
