import { useCallback, useEffect, useState } from "react";
import type { ChannelName } from "@clawgate/contracts";
import { LoadState } from "../../components/PageNotices.tsx";
import { describeError, isAbort } from "../../errors.ts";
import { useLanguage } from "../../i18n/language.tsx";
import { defineStrings, useStrings } from "../../i18n/strings.ts";
import { getChannels, requestPairingCode, unpair, type PairingCode, type PortalChannel } from "../../portalApi.ts";

const STRINGS = defineStrings({
  en: {
    title: "Connect IM",
    intro: "Talk to your agent from your messaging app. Get a code here, send it to the company bot, and the account is paired.",
    loadFailed: "Could not load your channels.",
    codeFailed: "Could not get a pairing code.",
    disconnectFailed: "Could not disconnect that account.",
    notSetUp: "Not set up by your administrator yet",
    confirmInApp: "Confirm the pairing in the app",
    waiting: (until: string) => `Waiting for the code (until ${until})`,
    paired: "Paired",
    notPaired: "Not paired",
    newCode: "New code",
    getCode: "Get a pairing code",
    qrAlt: (channel: string) => `QR code that opens the ${channel} bot with your code`,
    code: "Code:",
    validUntil: (until: string) => `(valid until ${until})`,
    open: (channel: string) => `Open ${channel}`,
    caption: (channel: string) => `Paired ${channel} accounts`,
    lastActive: "Last active",
    messages: "Messages",
    actions: "Actions",
    disconnect: "Disconnect",
  },
  zh: {
    title: "连接 IM",
    intro: "在你的聊天应用里与智能体对话。在这里获取配对码，发送给公司机器人，账号即完成配对。",
    loadFailed: "无法加载你的渠道。",
    codeFailed: "无法获取配对码。",
    disconnectFailed: "无法断开该账号。",
    notSetUp: "管理员尚未配置",
    confirmInApp: "请在应用中确认配对",
    waiting: (until: string) => `等待配对码（有效期至 ${until}）`,
    paired: "已配对",
    notPaired: "未配对",
    newCode: "新配对码",
    getCode: "获取配对码",
    qrAlt: (channel: string) => `扫描此二维码，用你的配对码打开 ${channel} 机器人`,
    code: "配对码：",
    validUntil: (until: string) => `（有效期至 ${until}）`,
    open: (channel: string) => `打开 ${channel}`,
    caption: (channel: string) => `已配对的 ${channel} 账号`,
    lastActive: "最近活动",
    messages: "消息数",
    actions: "操作",
    disconnect: "断开",
  },
});

/** A failure as it came, worded when shown, so the message follows the UI language. */
interface Failure {
  err: unknown;
  fallback: "loadFailed" | "codeFailed" | "disconnectFailed";
}

const POLL_MS = 3_000;

const CHANNEL_LABEL: Record<ChannelName, string> = { telegram: "Telegram", slack: "Slack", discord: "Discord", feishu: "Feishu" };

/**
 * The QR code is SVG our own server renders; it is shown as an image (a data URL), never inserted
 * as markup, so even a malformed SVG cannot run script in the console.
 */
function svgDataUrl(svg: string): string {
  const bytes = new TextEncoder().encode(svg);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}

/** Pair an IM account with your agent: a code (QR and deep link for Telegram), live status, paired accounts. */
export function ConnectImPage() {
  const t = useStrings(STRINGS);
  const locale = useLanguage().language === "zh" ? "zh-CN" : "en";
  const [channels, setChannels] = useState<PortalChannel[] | null>(null);
  const [codes, setCodes] = useState<Partial<Record<ChannelName, PairingCode>>>({});
  const [failure, setFailure] = useState<Failure | null>(null);
  const time = (iso: string) => new Date(iso).toLocaleTimeString(locale);
  const dateTime = (iso: string) => new Date(iso).toLocaleString(locale);

  const refresh = useCallback(async (signal?: AbortSignal) => {
    try {
      setChannels(await getChannels(signal));
    } catch (err) {
      if (!isAbort(err)) setFailure({ err, fallback: "loadFailed" });
    }
  }, []);

  // Poll while the page is open so a pairing confirmed in the IM app shows up without a reload.
  useEffect(() => {
    const controller = new AbortController();
    void refresh(controller.signal);
    const timer = setInterval(() => void refresh(controller.signal), POLL_MS);
    return () => {
      clearInterval(timer);
      controller.abort();
    };
  }, [refresh]);

  const pair = async (channel: ChannelName) => {
    setFailure(null);
    try {
      const code = await requestPairingCode(channel);
      setCodes((all) => ({ ...all, [channel]: code }));
      await refresh();
    } catch (err) {
      setFailure({ err, fallback: "codeFailed" });
    }
  };

  const disconnect = async (channel: ChannelName, id: string) => {
    setFailure(null);
    try {
      await unpair(channel, id);
      await refresh();
    } catch (err) {
      setFailure({ err, fallback: "disconnectFailed" });
    }
  };

  return (
    <main className="page" aria-labelledby="connect-title">
      <h1 id="connect-title" className="page-title">
        {t.title}
      </h1>
      <p className="muted">{t.intro}</p>
      <LoadState error={failure ? describeError(failure.err, t[failure.fallback]) : null} loading={channels === null} />
      {channels?.map((channel) => {
        const code = codes[channel.channel];
        return (
          <section key={channel.channel} className="card" aria-labelledby={`channel-${channel.channel}`} data-testid={`channel-${channel.channel}`}>
            <div className="card-header">
              <h2 id={`channel-${channel.channel}`} className="card-title">
                {CHANNEL_LABEL[channel.channel]}
              </h2>
              <span className="muted" role="status" data-testid={`channel-${channel.channel}-status`}>
                {!channel.configured
                  ? t.notSetUp
                  : channel.pending?.state === "awaiting_confirmation"
                    ? t.confirmInApp
                    : channel.pending
                      ? t.waiting(time(channel.pending.expiresAt))
                      : channel.bindings.length > 0
                        ? t.paired
                        : t.notPaired}
              </span>
            </div>
            {channel.configured ? (
              <button type="button" className="button button--primary" onClick={() => pair(channel.channel)} data-testid={`pair-${channel.channel}`}>
                {code ? t.newCode : t.getCode}
              </button>
            ) : null}
            {code ? (
              <div className="pairing" data-testid={`pairing-${channel.channel}`}>
                {code.qrSvg ? (
                  <img className="pairing-qr" src={svgDataUrl(code.qrSvg)} alt={t.qrAlt(CHANNEL_LABEL[channel.channel])} data-testid="pairing-qr" />
                ) : null}
                <div>
                  <p>
                    {t.code} <code data-testid="pairing-code">{code.code}</code> {t.validUntil(time(code.expiresAt))}
                  </p>
                  {code.deepLink ? (
                    <p>
                      <a href={code.deepLink} target="_blank" rel="noreferrer noopener" data-testid="pairing-link">
                        {t.open(CHANNEL_LABEL[channel.channel])}
                      </a>
                    </p>
                  ) : null}
                  <p className="muted">{code.instructions}</p>
                </div>
              </div>
            ) : null}
            {channel.bindings.length > 0 ? (
              <table className="table">
                <caption className="visually-hidden">{t.caption(CHANNEL_LABEL[channel.channel])}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.paired}</th>
                    <th scope="col">{t.lastActive}</th>
                    <th scope="col">{t.messages}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t.actions}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {channel.bindings.map((binding) => (
                    <tr key={binding.id}>
                      <td>{dateTime(binding.pairedAt)}</td>
                      <td>{binding.lastActivityAt ? dateTime(binding.lastActivityAt) : "—"}</td>
                      <td>{binding.messageCount}</td>
                      <td>
                        <button type="button" className="button button--danger" onClick={() => disconnect(channel.channel, binding.id)}>
                          {t.disconnect}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
          </section>
        );
      })}
    </main>
  );
}
