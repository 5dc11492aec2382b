import type { ModelPrice } from "@clawgate/contracts";
import { deletePrice } from "../../../budgetsApi.ts";
import { Card } from "../../../components/Card.tsx";
import { DataTable } from "../../../components/DataTable.tsx";
import { EditDeleteCell } from "../../../components/EditDeleteCell.tsx";
import { EmptyState, Outcome } from "../../../components/PageNotices.tsx";
import { describeError } from "../../../errors.ts";
import { defineStrings, useStrings } from "../../../i18n/strings.ts";
import { perMTok } from "../cost/money.ts";
import { modelsPricedBy, type ModelsData } from "./modelsData.ts";
import { PriceForm } from "./PriceForm.tsx";
import { useRowEditing } from "../useRowEditing.ts";

const STRINGS = defineStrings({
  en: {
    title: "Prices",
    intro: "USD per million tokens. A model is billed at the price whose pattern matches its id most specifically; with none it is unpriced.",
    caption: "Model prices",
    name: "Name",
    pattern: "Pattern",
    perMTok: "In / out per 1M tokens",
    prices: "Models it prices",
    updated: "Updated",
    actions: "Actions",
    noCatalogueModel: "no model in the catalogue (other model ids in usage still match)",
    editLabel: (name: string) => `Edit the price ${name}`,
    removeLabel: (name: string) => `Delete the price ${name}`,
    confirmDelete: (name: string) => `Delete the price ${name}? Models it prices become unpriced unless another price matches.`,
    saved: (name: string) => `Saved the price ${name}. It applies to turns from now on.`,
    deleted: (name: string) => `Deleted the price ${name}.`,
    failed: "Could not change the price.",
    empty: "No prices: every model's usage is unpriced.",
  },
  zh: {
    title: "价格",
    intro: "单位为美元 / 百万 token。模型按与其 ID 匹配最具体的模式所对应的价格计费；没有匹配则不计价。",
    caption: "模型价格",
    name: "名称",
    pattern: "匹配模式",
    perMTok: "输入 / 输出（每百万 token）",
    prices: "所定价的模型",
    updated: "更新时间",
    actions: "操作",
    noCatalogueModel: "目录中没有匹配的模型（用量中的其他模型 ID 仍可匹配）",
    editLabel: (name: string) => `编辑价格 ${name}`,
    removeLabel: (name: string) => `删除价格 ${name}`,
    confirmDelete: (name: string) => `删除价格 ${name}？除非有其他价格匹配，它所定价的模型将不再计价。`,
    saved: (name: string) => `已保存价格 ${name}。从现在起的对话按此计费。`,
    deleted: (name: string) => `已删除价格 ${name}。`,
    failed: "无法修改价格。",
    empty: "没有价格：所有模型的用量均未定价。",
  },
});

/** The price table, with the catalogue models each entry prices; admins add, change and delete entries. */
export function PricesSection({ data, isAdmin, date, onChanged }: { data: ModelsData; isAdmin: boolean; date: (iso: string) => string; onChanged: () => void }) {
  const t = useStrings(STRINGS);
  const { editing, setEditing, outcome, setOutcome, done } = useRowEditing(onChanged);

  const remove = async (price: ModelPrice) => {
    if (!window.confirm(t.confirmDelete(price.name))) return;
    setOutcome(null);
    try {
      await deletePrice(price.id);
      done(t.deleted(price.name));
    } catch (err) {
      setOutcome({ ok: false, text: describeError(err, t.failed) });
    }
  };

  return (
    <Card titleId="models-prices-title" title={t.title} testId="models-prices">
      <p className="muted">{t.intro}</p>
      <Outcome outcome={outcome} />
      {data.prices.length === 0 ? (
        <EmptyState>{t.empty}</EmptyState>
      ) : (
        <DataTable caption={t.caption} columns={[t.name, t.pattern, t.perMTok, t.prices, t.updated]} actions={isAdmin ? t.actions : undefined}>
          {data.prices.map((price) => {
            const covered = modelsPricedBy(data, price.id);
            return (
              <tr key={price.id} data-testid="price-row" data-price={price.id}>
                <th scope="row">{price.name}</th>
                <td>
                  <code>{price.pattern}</code>
                </td>
                <td>
                  {perMTok(price.inputUsdPerMTok)} / {perMTok(price.outputUsdPerMTok)}
                </td>
                <td>{covered.length ? covered.map((m) => m.name).join(", ") : <span className="muted">{t.noCatalogueModel}</span>}</td>
                <td>{price.updatedAt ? date(price.updatedAt) : "—"}</td>
                {isAdmin ? (
                  <EditDeleteCell editLabel={t.editLabel(price.name)} deleteLabel={t.removeLabel(price.name)} onEdit={() => setEditing(price.id)} onDelete={() => void remove(price)} />
                ) : null}
              </tr>
            );
          })}
        </DataTable>
      )}
      {isAdmin
        ? data.prices
            .filter((price) => price.id === editing)
            .map((price) => <PriceForm key={price.id} idPrefix={`price-${price.id}`} price={price} onDone={(p) => done(t.saved(p.name))} onCancel={() => setEditing(null)} />)
        : null}
      {isAdmin ? <PriceForm idPrefix="price-new" takenIds={data.prices.map((p) => p.id)} onDone={(p) => done(t.saved(p.name))} /> : null}
    </Card>
  );
}
