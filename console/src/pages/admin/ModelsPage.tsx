import type { Me } from "@clawgate/contracts";
import { LoadState } from "../../components/PageNotices.tsx";
import { useLanguage } from "../../i18n/language.tsx";
import { defineStrings, useStrings } from "../../i18n/strings.ts";
import { loadModelsData } from "./models/modelsData.ts";
import { ModelsSection } from "./models/ModelsSection.tsx";
import { PricesSection } from "./models/PricesSection.tsx";
import { useLoaded } from "./useLoaded.ts";
import "./ModelsPage.css";

const STRINGS = defineStrings({
  en: { title: "Models & pricing", what: "the models and prices" },
  zh: { title: "模型与定价", what: "模型与价格" },
});

/** The model catalogue with limits and prices, and the price table. Admins change them; managers read. */
export function ModelsPage({ me }: { me: Me }) {
  const t = useStrings(STRINGS);
  const locale = useLanguage().language === "zh" ? "zh-CN" : "en";
  const { data, error, reload } = useLoaded(loadModelsData, t.what);
  // Hiding is a courtesy: the server refuses these changes to anyone but an admin.
  const isAdmin = me.role === "admin";
  return (
    <main className="page page--wide" aria-labelledby="models-title">
      <h1 id="models-title" className="page-title">
        {t.title}
      </h1>
      <LoadState error={error} loading={!data} />
      {data ? (
        <>
          <ModelsSection data={data} isAdmin={isAdmin} onChanged={reload} />
          <PricesSection data={data} isAdmin={isAdmin} date={(iso) => new Date(iso).toLocaleDateString(locale)} onChanged={reload} />
        </>
      ) : null}
    </main>
  );
}
