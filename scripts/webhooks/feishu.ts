/**
 * `node scripts/webhooks/feishu.ts https://<your ClawGate host>`
 *
 * Prints the event Request URL to paste into the Feishu (or Lark) developer console and proves the
 * deployed route is live. Feishu verifies it on save with a url_verification challenge (encrypted
 * when an Encrypt Key is set) that ClawGate must answer within one second.
 */
import { probeUnsigned, run, webhookUrl } from "./webhook-url.ts";

run(async () => {
  const url = webhookUrl(process.argv[2], "feishu");
  console.log(`Feishu / Lark app (open.feishu.cn/app or open.larksuite.com/app → your app):
  Events & Callbacks → Event Configuration → Request URL: ${url}
    subscribe to im.message.receive_v1; the console saves the URL once ClawGate answers its challenge.
  Events & Callbacks → Encryption Strategy → Encrypt Key and Verification Token: store them as the
    Worker secrets the Feishu channel reads (README, Connecting IM).`);
  console.log(await probeUnsigned(url));
});
