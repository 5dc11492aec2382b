/**
 * `node scripts/webhooks/discord.ts https://<your ClawGate host>`
 *
 * Prints the Interactions Endpoint URL to paste into the Discord Developer Portal and proves the
 * deployed route is live. Discord verifies it on save: it sends an Ed25519-signed PING (and a
 * deliberately bad signature) and keeps the URL only if ClawGate answers PONG and refuses the bad one.
 */
import { probeUnsigned, run, webhookUrl } from "./webhook-url.ts";

run(async () => {
  const url = webhookUrl(process.argv[2], "discord");
  console.log(`Discord application (discord.com/developers/applications → your app):
  General Information → Interactions Endpoint URL: ${url}
    Discord saves it only after ClawGate has answered its signed PING.
  General Information → Public Key: store it as the Worker secret the Discord channel reads (README, Connecting IM).`);
  console.log(await probeUnsigned(url));
});
