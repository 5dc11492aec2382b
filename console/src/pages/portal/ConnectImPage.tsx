import { useCallback, useEffect, useState } from "react";
import type { ChannelName } from "@clawgate/contracts";
import { describeError, isAbort } from "../../errors.ts";
import { getChannels, requestPairingCode, unpair, type PairingCode, type PortalChannel } from "../../portalApi.ts";

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
  const [channels, setChannels] = useState<PortalChannel[] | null>(null);
  const [codes, setCodes] = useState<Partial<Record<ChannelName, PairingCode>>>({});
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async (signal?: AbortSignal) => {
    try {
      setChannels(await getChannels(signal));
    } catch (err) {
      if (!isAbort(err)) setError(describeError(err, "Could not load your channels."));
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
    setError(null);
    try {
      const code = await requestPairingCode(channel);
      setCodes((all) => ({ ...all, [channel]: code }));
      await refresh();
    } catch (err) {
      setError(describeError(err, "Could not get a pairing code."));
    }
  };

  const disconnect = async (channel: ChannelName, id: string) => {
    setError(null);
    try {
      await unpair(channel, id);
      await refresh();
    } catch (err) {
      setError(describeError(err, "Could not disconnect that account."));
    }
  };

  return (
    <main className="page" aria-labelledby="connect-title">
      <h1 id="connect-title" className="page-title">
        Connect IM
      </h1>
      <p className="muted">Talk to your agent from your messaging app. Get a code here, send it to the company bot, and the account is paired.</p>
      {error ? (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      ) : null}
      {channels === null && !error ? <p className="muted">Loading…</p> : null}
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
                  ? "Not set up by your administrator yet"
                  : channel.pending?.state === "awaiting_confirmation"
                    ? "Confirm the pairing in the app"
                    : channel.pending
                      ? `Waiting for the code (until ${new Date(channel.pending.expiresAt).toLocaleTimeString()})`
                      : channel.bindings.length > 0
                        ? "Paired"
                        : "Not paired"}
              </span>
            </div>
            {channel.configured ? (
              <button type="button" className="button button--primary" onClick={() => pair(channel.channel)} data-testid={`pair-${channel.channel}`}>
                {code ? "New code" : "Get a pairing code"}
              </button>
            ) : null}
            {code ? (
              <div className="pairing" data-testid={`pairing-${channel.channel}`}>
                {code.qrSvg ? (
                  <img className="pairing-qr" src={svgDataUrl(code.qrSvg)} alt={`QR code that opens the ${CHANNEL_LABEL[channel.channel]} bot with your code`} data-testid="pairing-qr" />
                ) : null}
                <div>
                  <p>
                    Code: <code data-testid="pairing-code">{code.code}</code> (valid until {new Date(code.expiresAt).toLocaleTimeString()})
                  </p>
                  {code.deepLink ? (
                    <p>
                      <a href={code.deepLink} target="_blank" rel="noreferrer noopener" data-testid="pairing-link">
                        Open {CHANNEL_LABEL[channel.channel]}
                      </a>
                    </p>
                  ) : null}
                  <p className="muted">{code.instructions}</p>
                </div>
              </div>
            ) : null}
            {channel.bindings.length > 0 ? (
              <table className="table">
                <caption className="visually-hidden">Paired {CHANNEL_LABEL[channel.channel]} accounts</caption>
                <thead>
                  <tr>
                    <th scope="col">Paired</th>
                    <th scope="col">Last active</th>
                    <th scope="col">Messages</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {channel.bindings.map((binding) => (
                    <tr key={binding.id}>
                      <td>{new Date(binding.pairedAt).toLocaleString()}</td>
                      <td>{binding.lastActivityAt ? new Date(binding.lastActivityAt).toLocaleString() : "—"}</td>
                      <td>{binding.messageCount}</td>
                      <td>
                        <button type="button" className="button button--danger" onClick={() => disconnect(channel.channel, binding.id)}>
                          Disconnect
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
