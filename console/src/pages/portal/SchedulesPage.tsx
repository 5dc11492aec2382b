import { defineStrings, useStrings } from "../../i18n/strings.ts";
import { InboxList } from "./reminders/InboxList.tsx";
import { ScheduleList } from "./reminders/ScheduleList.tsx";
import "./SchedulesPage.css";

const STRINGS = defineStrings({
  en: { title: "Reminders" },
  zh: { title: "提醒" },
});

/** Reminders: the schedules the employee's agent keeps, and the inbox their replies fall back to. */
export function SchedulesPage() {
  const t = useStrings(STRINGS);
  return (
    <main className="page" aria-labelledby="reminders-title">
      <h1 id="reminders-title" className="page-title">
        {t.title}
      </h1>
      <InboxList />
      <ScheduleList />
    </main>
  );
}
