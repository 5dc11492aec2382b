import { useCallback, useEffect, useState } from "react";
import type { Me, RuntimeInfo } from "@clawgate/contracts";
import { getMe, getRuntimeInfo } from "./api.ts";
import { OfflineBanner } from "./components/OfflineBanner.tsx";
import { LoadState } from "./components/PageNotices.tsx";
import { defineStrings, useStrings } from "./i18n/strings.ts";
import { SignedInShell } from "./components/SignedInShell.tsx";
import { ChangePasswordPage } from "./pages/ChangePasswordPage.tsx";
import { LoginPage } from "./pages/LoginPage.tsx";

const STRINGS = defineStrings({
  en: { unreachable: "Could not reach ClawGate.", retry: "Retry" },
  zh: { unreachable: "无法连接 ClawGate。", retry: "重试" },
});

type Session =
  | { kind: "loading" }
  | { kind: "signedOut" }
  | { kind: "signedIn"; me: Me }
  | { kind: "failed"; message: string };

/** The login page when `/api/auth/me` is 401, the password change while it is required, otherwise the signed-in pages. */
export function App() {
  const t = useStrings(STRINGS);
  const [session, setSession] = useState<Session>({ kind: "loading" });
  const [runtime, setRuntime] = useState<RuntimeInfo | null>(null);
  const [attempt, setAttempt] = useState(0);

  // Runtime info is for signed-in, unrestricted users only, so it is (re)read whenever someone gets there.
  const signedInAs = session.kind === "signedIn" && !session.me.mustChangePassword ? session.me.employeeId : null;
  useEffect(() => {
    setRuntime(null);
    if (!signedInAs) return;
    const controller = new AbortController();
    getRuntimeInfo(controller.signal)
      .then(setRuntime)
      .catch(() => undefined); // no banner if runtime info is unavailable
    return () => controller.abort();
  }, [signedInAs]);

  useEffect(() => {
    const controller = new AbortController();
    getMe(controller.signal)
      .then((me) => setSession(me ? { kind: "signedIn", me } : { kind: "signedOut" }))
      .catch((err: unknown) => {
        if (controller.signal.aborted) return;
        // No message of the server's: the console words it, in the language shown at that moment.
        setSession({ kind: "failed", message: err instanceof Error ? err.message : "" });
      });
    return () => controller.abort();
  }, [attempt]);

  const onSignedIn = useCallback((me: Me) => setSession({ kind: "signedIn", me }), []);
  const onSignedOut = useCallback(() => setSession({ kind: "signedOut" }), []);

  return (
    <div className="app">
      <OfflineBanner info={runtime} />
      {session.kind === "loading" ? (
        <div className="app-status">
          <LoadState error={null} loading />
        </div>
      ) : null}
      {session.kind === "failed" ? (
        <div className="app-status" role="alert">
          <p>{session.message || t.unreachable}</p>
          <button
            type="button"
            className="button"
            onClick={() => {
              setSession({ kind: "loading" });
              setAttempt((n) => n + 1);
            }}
          >
            {t.retry}
          </button>
        </div>
      ) : null}
      {session.kind === "signedOut" ? <LoginPage onSignedIn={onSignedIn} /> : null}
      {session.kind === "signedIn" && session.me.mustChangePassword ? (
        <ChangePasswordPage me={session.me} onChanged={onSignedIn} onSignedOut={onSignedOut} />
      ) : null}
      {session.kind === "signedIn" && !session.me.mustChangePassword ? (
        <SignedInShell key={session.me.employeeId} me={session.me} onSignedOut={onSignedOut} />
      ) : null}
    </div>
  );
}
