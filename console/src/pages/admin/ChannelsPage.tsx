import { useState } from "react";
import { describeError } from "../../errors.ts";
import { disconnectBinding, getChannelBindings, getChannelSettings, type AdminChannelBinding, type ChannelSettings } from "../../governanceApi.ts";
import { useLoaded } from "./useLoaded.ts";

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
const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "never");

/** Each IM platform: whether its bot is set up, and who is paired with it, since when, how active; admins disconnect. */
export function ChannelsPage() {
  const { data, error, reload } = useLoaded(load, "the IM channels");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const disconnect = async (binding: AdminChannelBinding) => {
    if (!window.confirm(`Disconnect ${binding.employeeName} from ${TITLES[binding.channel]}?`)) return;
    setMessage(null);
    try {
      await disconnectBinding(binding.channel, binding.id);
      setMessage({ ok: true, text: `Disconnected ${binding.employeeName}; their next message gets the pairing instructions.` });
      reload();
    } catch (err) {
      setMessage({ ok: false, text: describeError(err, "Could not disconnect the account.") });
    }
  };

  return (
    <main className="page page--wide" aria-labelledby="channels-title">
      <h1 id="channels-title" className="page-title">
        IM channels
      </h1>
      {error ? (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      ) : null}
      {message ? (
        <p className={`notice ${message.ok ? "notice--ok" : "notice--error"}`} role={message.ok ? "status" : "alert"}>
          {message.text}
        </p>
      ) : null}
      {!data && !error ? <p className="muted">Loading…</p> : null}
      {data?.map(({ settings, bindings }) => (
        <section key={settings.channel} className="card" aria-labelledby={`channel-${settings.channel}-title`} data-testid={`channel-${settings.channel}`}>
          <h2 id={`channel-${settings.channel}-title`} className="card-title">
            {TITLES[settings.channel] ?? settings.channel}{" "}
            <span className={`badge ${settings.configured ? "" : "text-warn"}`} data-configured={settings.configured}>
              {settings.configured ? "configured" : "not configured"}
            </span>
          </h2>
          {!settings.configured ? (
            <p className="muted">
              Employees cannot pair until the bot is set up: set {Object.keys(settings.secrets).join(", ") || "its secrets"} for the Worker and point the
              platform's webhook at <code>{settings.webhookPath}</code>.
            </p>
          ) : null}
          {bindings.length === 0 ? (
            <p className="muted">Nobody is paired yet. Employees pair from Connect IM in their portal.</p>
          ) : (
            <table className="table">
              <caption className="visually-hidden">Accounts paired with {TITLES[settings.channel]}</caption>
              <thead>
                <tr>
                  <th scope="col">Employee</th>
                  <th scope="col">Paired</th>
                  <th scope="col">Last active</th>
                  <th scope="col">Messages</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {bindings.map((binding) => (
                  <tr key={binding.id} data-testid="channel-binding">
                    <th scope="row">
                      {binding.employeeName} <span className="muted">{binding.employeeId}</span>
                    </th>
                    <td>{when(binding.pairedAt)}</td>
                    <td>{when(binding.lastActivityAt)}</td>
                    <td>{binding.messageCount}</td>
                    <td>
                      <button type="button" className="button button--small button--danger" onClick={() => void disconnect(binding)} aria-label={`Disconnect ${binding.employeeName}`}>
                        Disconnect
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ))}
    </main>
  );
}
