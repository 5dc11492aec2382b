import { useCallback, useEffect, useState } from "react";
import type { Me, TwinConversation, TwinStatus } from "@clawgate/contracts";
import { CopyButton } from "../../components/CopyButton.tsx";
import { describeError, isAbort } from "../../errors.ts";
import { disableTwin, enableTwin, getTwin, getTwinConversations, regenerateTwin } from "../../portalApi.ts";

/** The employee's profile: who they are and their digital twin — a public link to their agent. */
export function ProfilePage({ me }: { me: Me }) {
  const [twin, setTwin] = useState<TwinStatus | null>(null);
  // The link exists only in the POST answer (the server keeps its hash), so it lives in this page's state alone.
  const [link, setLink] = useState<string | null>(null);
  const [conversations, setConversations] = useState<TwinConversation[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async (signal?: AbortSignal) => {
    try {
      const [status, talks] = await Promise.all([getTwin(signal), getTwinConversations(signal)]);
      setTwin(status);
      setConversations(talks);
    } catch (err) {
      if (!isAbort(err)) setError(describeError(err, "Could not load your twin."));
    }
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  const act = async (action: () => Promise<TwinStatus & { url?: string }>) => {
    setBusy(true);
    setError(null);
    try {
      const result = await action();
      setTwin(result);
      setLink(result.url ?? null);
    } catch (err) {
      setError(describeError(err, "That did not work. Try again."));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="page" aria-labelledby="profile-title">
      <h1 id="profile-title" className="page-title">
        Profile
      </h1>
      <section className="card">
        <h2 className="card-title">{me.name}</h2>
        <p className="muted">
          {me.employeeId} · {me.position.name} · {me.department.name} · {me.role}
        </p>
      </section>

      <section className="card" aria-labelledby="twin-title">
        <h2 id="twin-title" className="card-title">
          Digital twin
        </h2>
        <p className="muted">
          A public link to your agent: anyone with the link can ask it about your work. It never writes your memory and cannot run
          commands. Switch it off and the link stops working at once.
        </p>
        {error ? (
          <p className="notice notice--error" role="alert">
            {error}
          </p>
        ) : null}
        {twin ? (
          <>
            <p data-testid="twin-status" data-enabled={twin.enabled ? "true" : "false"}>
              <strong>{twin.enabled ? "On" : "Off"}</strong>
              {twin.enabled && twin.enabledAt ? ` since ${new Date(twin.enabledAt).toLocaleString()}` : ""} · {twin.views} views · {twin.chats}{" "}
              chats
            </p>
            {link ? (
              <div className="twin-link">
                <label className="field">
                  <span className="field-label">Your twin's link — shown only now, copy it</span>
                  <input className="field-input" readOnly value={link} data-testid="twin-url" onFocus={(e) => e.target.select()} />
                </label>
                <CopyButton text={link} label="Copy link" testId="twin-copy" />
              </div>
            ) : null}
            <div className="actions">
              {twin.enabled ? (
                <>
                  <button type="button" className="button" disabled={busy} onClick={() => act(regenerateTwin)} data-testid="twin-regenerate">
                    New link (the old one stops working)
                  </button>
                  <button type="button" className="button button--danger" disabled={busy} onClick={() => act(disableTwin)} data-testid="twin-disable">
                    Switch off
                  </button>
                </>
              ) : (
                <button type="button" className="button button--primary" disabled={busy} onClick={() => act(enableTwin)} data-testid="twin-enable">
                  Switch on
                </button>
              )}
            </div>
          </>
        ) : error ? null : (
          <p className="muted">Loading…</p>
        )}
      </section>

      <section className="card" aria-labelledby="visitors-title">
        <div className="card-header">
          <h2 id="visitors-title" className="card-title">
            Visitors' conversations
          </h2>
          <button type="button" className="button" onClick={() => void load()} data-testid="twin-refresh">
            Refresh
          </button>
        </div>
        {conversations.length === 0 ? <p className="muted">No one has talked to your twin yet.</p> : null}
        <ul className="conversation-list" data-testid="twin-conversations">
          {conversations.map((conversation) => (
            <li key={conversation.visitor} className="conversation">
              <p className="muted">Visitor {conversation.visitor.slice(0, 8)}</p>
              {conversation.exchanges.map((exchange) => (
                <div key={exchange.turnId} className="exchange">
                  <p>
                    <strong>Asked:</strong> {exchange.message}
                  </p>
                  <p>
                    <strong>Answered:</strong> {exchange.reply ?? `(${exchange.status})`}
                  </p>
                </div>
              ))}
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}
