import { useState } from "react";
import type { Me } from "@clawgate/contracts";
import { logout } from "../api.ts";
import { navItemsFor, type PageId } from "../navigation.ts";
import { hrefFor } from "../router.ts";
import { useLanguage } from "../i18n/language.tsx";
import { LanguageSwitch } from "../i18n/LanguageSwitch.tsx";
import { defineStrings, useStrings } from "../i18n/strings.ts";

const STRINGS = defineStrings({
  en: { main: "Main", signOut: "Sign out" },
  zh: { main: "主导航", signOut: "退出登录" },
});

interface NavBarProps {
  me: Me;
  current: PageId;
  onSignedOut: () => void;
}

/** The signed-in header: who you are, the pages your role has, sign out. */
export function NavBar({ me, current, onSignedOut }: NavBarProps) {
  const [signingOut, setSigningOut] = useState(false);
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
    <header className="topbar">
      <div className="whoami" data-testid="whoami">
        <span className="whoami-name">{me.name}</span>
        <span className="whoami-meta">
          {me.position.name} · {me.department.name}
        </span>
      </div>
      <nav className="nav" aria-label={t.main}>
        <ul className="nav-list">
          {navItemsFor(me.role).map((item) => (
            <li key={item.id}>
              <a className="nav-link" href={hrefFor(item.path)} aria-current={item.id === current ? "page" : undefined} data-testid={`nav-${item.id}`}>
                {item.label[language]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <LanguageSwitch />
      <button type="button" className="button" data-testid="signout" onClick={signOut} disabled={signingOut}>
        {t.signOut}
      </button>
    </header>
  );
}
