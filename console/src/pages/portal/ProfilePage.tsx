import type { Me } from "@clawgate/contracts";
import { defineStrings, useStrings } from "../../i18n/strings.ts";
import { MemorySection } from "./profile/MemorySection.tsx";
import { TwinSection } from "./profile/TwinSection.tsx";
import "./ProfilePage.css";

const STRINGS = defineStrings({
  en: { title: "Profile", role: (role: Me["role"]) => ({ employee: "employee", manager: "manager", admin: "admin" })[role] },
  zh: { title: "个人资料", role: (role: Me["role"]) => ({ employee: "员工", manager: "经理", admin: "管理员" })[role] },
});

/** The employee's profile: who they are, what their agent knows about them and does by itself, and their digital twin. */
export function ProfilePage({ me }: { me: Me }) {
  const t = useStrings(STRINGS);
  return (
    <main className="page" aria-labelledby="profile-title">
      <h1 id="profile-title" className="page-title">
        {t.title}
      </h1>
      <section className="card">
        <h2 className="card-title">{me.name}</h2>
        <p className="muted">
          {me.employeeId} · {me.position.name} · {me.department.name} · {t.role(me.role)}
        </p>
      </section>
      <MemorySection />
      <TwinSection />
    </main>
  );
}
