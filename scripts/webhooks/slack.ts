/**
 * `node scripts/webhooks/slack.ts https://<your ClawGate host>`
 *
 * Slack has no API to set an app's event URL, so this prints the URL to paste and proves the
 * deployed route is live. Slack itself verifies the URL when it is pasted: it sends a signed
 * url_verification challenge, and the field turns "Verified" only when ClawGate answers it.
 */
import { probeUnsigned, run, webhookUrl } from "./webhook-url.ts";

run(async () => {
  const url = webhookUrl(process.argv[2], "slack");
  console.log(`Slack app (api.slack.com/apps → your app):
  Event Subscriptions → Enable Events → Request URL: ${url}
    subscribe to the bot event message.im; Slack shows "Verified" once ClawGate answers its challenge.
  Interactivity & Shortcuts → Request URL: ${url}   (the pairing buttons)
  Basic Information → Signing Secret: store it as the Worker secret the Slack channel reads (README, Connecting IM).`);
  console.log(await probeUnsigned(url));
});
