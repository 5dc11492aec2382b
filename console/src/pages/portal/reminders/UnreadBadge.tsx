import { useEffect } from "react";
import { defineStrings, useStrings } from "../../../i18n/strings.ts";
import { refreshUnreadCount, setUnreadCount, useUnreadCount } from "./unreadCount.ts";

const POLL_MS = 60_000;

const STRINGS = defineStrings({
  en: { unread: (n: number) => `, ${n} unread` },
  zh: { unread: (n: number) => `，${n} 条未读` },
});

/**
 * The unread count on the Reminders navigation item, polled while signed in. The number is hidden
 * from screen readers and spelled out instead, so the link reads "Reminders, 3 unread".
 */
export function UnreadBadge() {
  const unread = useUnreadCount();
  const t = useStrings(STRINGS);

  useEffect(() => {
    const controller = new AbortController();
    void refreshUnreadCount(controller.signal);
    const timer = setInterval(() => void refreshUnreadCount(controller.signal), POLL_MS);
    return () => {
      clearInterval(timer);
      controller.abort();
      // The next person to sign in on this tab must not see this one's count.
      setUnreadCount(null);
    };
  }, []);

  if (!unread) return null;
  return (
    <>
      <span className="nav-badge" aria-hidden="true" data-testid="reminders-unread">
        {unread}
      </span>
      <span className="visually-hidden">{t.unread(unread)}</span>
    </>
  );
}
