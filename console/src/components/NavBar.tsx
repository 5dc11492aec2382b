import { useState } from "react";
import type { Me } from "@clawgate/contracts";
import { logout } from "../api.ts";
import { navItemsFor, type PageId } from "../navigation.ts";
import { hrefFor } from "../router.ts";
import { useLanguage } from "../i18n/language.tsx";
import { LanguageSwitch } from "../i18n/LanguageSwitch.tsx";
import { defineStrings, useStrings } from "../i18n/strings.ts";
import { UnreadBadge } from "../pages/portal/reminders/UnreadBadge.tsx";

const STRINGS = defineStrings({
  en: { main: "Main", signOut: "Sign out", menu: "Menu" },
  zh: { main: "主导航", signOut: "退出登录", menu: "菜单" },
});

interface NavBarProps {
  me: Me;
  current: PageId;
  onSignedOut: () => void;
}

/** The signed-in header: who you are, the pages your role has, sign out. */
export function NavBar({ me, current, onSignedOut }: NavBarProps) {
  const [signingOut, setSigningOut] = useState(false);
  // On a phone the links fold behind a menu button; opening it on one page means it closes on the next.
  const [menuOpenOn, setMenuOpenOn] = useState<PageId | null>(null);
  const menuOpen = menuOpenOn === current;
  const { language } = useLanguage();
  const t = useStrings(STRINGS);
  const signOut = async () => {
    setSigningOut(true);
    try {
      await logout();
    } catch {
      // The session is dropped client-side either way.
    }
    onSignedOut();
  };

  return (
    <header className={menuOpen ? "topbar topbar--menu-open" : "topbar"}>
      <div className="whoami" data-testid="whoami">
        <span className="whoami-name">{me.name}</span>
        <span className="whoami-meta">
          {me.position.name} · {me.department.name}
        </span>
      </div>
      <button type="button" className="button nav-toggle" aria-expanded={menuOpen} aria-controls="main-nav" onClick={() => setMenuOpenOn(menuOpen ? null : current)} data-testid="nav-menu">
        {t.menu}
      </button>
      <nav id="main-nav" className={menuOpen ? "nav nav--open" : "nav"} aria-label={t.main}>
        <ul className="nav-list">
          {navItemsFor(me.role).map((item) => (
            <li key={item.id}>
              <a className="nav-link" href={hrefFor(item.path)} aria-current={item.id === current ? "page" : undefined} data-testid={`nav-${item.id}`}>
                {item.label[language]}
                {item.id === "reminders" ? <UnreadBadge /> : null}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <LanguageSwitch />
      <button type="button" className="button topbar-signout" data-testid="signout" onClick={signOut} disabled={signingOut}>
        {t.signOut}
      </button>
    </header>
  );
}
