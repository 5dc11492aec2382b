import { useState } from "react";
import { DataTable } from "../../components/DataTable.tsx";
import { EmptyState, LoadState, Outcome } from "../../components/PageNotices.tsx";
import { describeError } from "../../errors.ts";
import { disconnectBinding, getChannelBindings, getChannelSettings, type AdminChannelBinding, type ChannelSettings } from "../../governanceApi.ts";
import { useLanguage } from "../../i18n/language.tsx";
import { defineStrings, useStrings } from "../../i18n/strings.ts";
import { useLoaded } from "./useLoaded.ts";

const STRINGS = defineStrings({
  en: {
    title: "IM channels",
    what: "the IM channels",
    confirmDisconnect: (name: string, channel: string) => `Disconnect ${name} from ${channel}?`,
    disconnected: (name: string) => `Disconnected ${name}; their next message gets the pairing instructions.`,
    disconnectFailed: "Could not disconnect the account.",
    configured: "configured",
    notConfigured: "not configured",
    itsSecrets: "its secrets",
    setUpFirst: (secrets: string) => `Employees cannot pair until the bot is set up: set ${secrets} for the Worker and point the platform's webhook at`,
    nobodyPaired: "Nobody is paired yet. Employees pair from Connect IM in their portal.",
    caption: (channel: string) => `Accounts paired with ${channel}`,
    employee: "Employee",
    paired: "Paired",
    lastActive: "Last active",
    messages: "Messages",
    actions: "Actions",
    never: "never",
    disconnect: "Disconnect",
    disconnectLabel: (name: string) => `Disconnect ${name}`,
  },
  zh: {
    title: "IM 渠道",
    what: "IM 渠道",
    confirmDisconnect: (name: string, channel: string) => `要断开 ${name} 与 ${channel} 的连接吗？`,
    disconnected: (name: string) => `已断开 ${name}；其下一条消息将收到配对说明。`,
    disconnectFailed: "无法断开该账号。",
    configured: "已配置",
    notConfigured: "未配置",
    itsSecrets: "相应密钥",
    setUpFirst: (secrets: string) => `机器人配置完成前员工无法配对：请为 Worker 设置 ${secrets}，并将平台的 webhook 指向`,
    nobodyPaired: "尚无人配对。员工可在门户的“连接 IM”中配对。",
    caption: (channel: string) => `已与 ${channel} 配对的账号`,
    employee: "员工",
    paired: "配对时间",
    lastActive: "最近活动",
    messages: "消息数",
    actions: "操作",
    never: "从未",
    disconnect: "断开",
    disconnectLabel: (name: string) => `断开 ${name}`,
  },
});

interface ChannelView {
  settings: ChannelSettings;
  bindings: AdminChannelBinding[];
}

const load = async (signal: AbortSignal): Promise<ChannelView[]> => {
  const channels = await getChannelSettings(signal);
  const bindings = await Promise.all(channels.map((c) => getChannelBindings(c.channel, signal)));
  return channels.map((settings, i) => ({ settings, bindings: bindings[i] ?? [] }));
};

const TITLES: Record<string, string> = { telegram: "Telegram", slack: "Slack", discord: "Discord", feishu: "Feishu / Lark" };

/** Each IM platform: whether its bot is set up, and who is paired with it, since when, how active; admins disconnect. */
export function ChannelsPage() {
  const t = useStrings(STRINGS);
  const locale = useLanguage().language === "zh" ? "zh-CN" : "en";
  const { data, error, reload } = useLoaded(load, t.what);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(locale) : t.never);

  const disconnect = async (binding: AdminChannelBinding) => {
    if (!window.confirm(t.confirmDisconnect(binding.employeeName, TITLES[binding.channel] ?? binding.channel))) return;
    setMessage(null);
    try {
      await disconnectBinding(binding.channel, binding.id);
      setMessage({ ok: true, text: t.disconnected(binding.employeeName) });
      reload();
    } catch (err) {
      setMessage({ ok: false, text: describeError(err, t.disconnectFailed) });
    }
  };

  return (
    <main className="page page--wide" aria-labelledby="channels-title">
      <h1 id="channels-title" className="page-title">
        {t.title}
      </h1>
      <LoadState error={error} loading={!data} />
      <Outcome outcome={message} />
      {data?.map(({ settings, bindings }) => (
        <section key={settings.channel} className="card" aria-labelledby={`channel-${settings.channel}-title`} data-testid={`channel-${settings.channel}`}>
          <h2 id={`channel-${settings.channel}-title`} className="card-title">
            {TITLES[settings.channel] ?? settings.channel}{" "}
            <span className={`badge ${settings.configured ? "" : "text-warn"}`} data-configured={settings.configured}>
              {settings.configured ? t.configured : t.notConfigured}
            </span>
          </h2>
          {!settings.configured ? (
            <p className="muted">
              {t.setUpFirst(Object.keys(settings.secrets).join(", ") || t.itsSecrets)} <code>{settings.webhookPath}</code>.
            </p>
          ) : null}
          {bindings.length === 0 ? (
            <EmptyState>{t.nobodyPaired}</EmptyState>
          ) : (
            <DataTable caption={t.caption(TITLES[settings.channel] ?? settings.channel)} columns={[t.employee, t.paired, t.lastActive, t.messages]} actions={t.actions}>
              {bindings.map((binding) => (
                <tr key={binding.id} data-testid="channel-binding">
                  <th scope="row">
                    {binding.employeeName} <span className="muted">{binding.employeeId}</span>
                  </th>
                  <td>{when(binding.pairedAt)}</td>
                  <td>{when(binding.lastActivityAt)}</td>
                  <td>{binding.messageCount}</td>
                  <td>
                    <button type="button" className="button button--small button--danger" onClick={() => void disconnect(binding)} aria-label={t.disconnectLabel(binding.employeeName)}>
                      {t.disconnect}
                    </button>
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
        </section>
      ))}
    </main>
  );
}
