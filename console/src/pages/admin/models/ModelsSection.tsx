import { useState } from "react";
import type { Model, ModelPrice } from "@clawgate/contracts";
import { deleteModel, deletePrice } from "../../../budgetsApi.ts";
import { Card } from "../../../components/Card.tsx";
import { DataTable } from "../../../components/DataTable.tsx";
import { EmptyState, Outcome } from "../../../components/PageNotices.tsx";
import { describeError } from "../../../errors.ts";
import { defineStrings, useStrings } from "../../../i18n/strings.ts";
import { perMTok } from "../cost/money.ts";
import { conflictOf } from "../security/conflicts.ts";
import { ModelForm } from "./ModelForm.tsx";
import { modelsPricedBy, priceIdFor, type ModelsData } from "./modelsData.ts";
import { PriceForm } from "./PriceForm.tsx";

const STRINGS = defineStrings({
  en: {
    title: "Model catalogue",
    intro: "The models agents may be configured with (Agent Factory), their limits, and the price their usage is billed at.",
    unpricedNotice: (names: string) => `No price: ${names}. Their usage shows as unpriced (cost unknown) until a price matches them.`,
    caption: "Available models with their limits and prices",
    model: "Model",
    provider: "Provider",
    contextWindow: "Context window",
    maxOutput: "Max output",
    price: "USD per 1M tokens (in / out)",
    actions: "Actions",
    tokens: (n: number) => `${n.toLocaleString("en")} tokens`,
    priced: (input: number, output: number) => `${perMTok(input)} / ${perMTok(output)}`,
    via: (name: string) => `via ${name}`,
    unpriced: "no price",
    setPrice: "Set price",
    setPriceLabel: (name: string) => `Set a price for ${name}`,
    changePrice: "Change price",
    changePriceLabel: (name: string) => `Change the price of ${name}`,
    clearPrice: "Clear price",
    clearPriceLabel: (name: string) => `Clear the price of ${name}`,
    confirmClear: (price: string, models: string) => `Delete the price ${price}? It prices ${models}; their next turns are unpriced unless another price matches.`,
    withdraw: "Withdraw",
    withdrawLabel: (name: string) => `Withdraw ${name}`,
    confirmWithdraw: (name: string) => `Withdraw ${name}? Agents can no longer be configured with it.`,
    added: (name: string) => `Added ${name}. It can now be chosen in the Agent Factory.`,
    priceSaved: (name: string) => `Saved the price ${name}. It applies to turns from now on.`,
    priceCleared: (name: string) => `Deleted the price ${name}.`,
    withdrawn: (name: string) => `Withdrew ${name}.`,
    inUse: (message: string) => `Not withdrawn: ${message} Change their model in the Agent Factory, then withdraw it.`,
    failed: "Could not change the model.",
    empty: "No models available: agents run on their runtime's own model. Add one below.",
    emptyReadOnly: "No models available: agents run on their runtime's own model.",
  },
  zh: {
    title: "模型目录",
    intro: "智能体可配置的模型（智能体工厂）、它们的限制，以及其用量的计费价格。",
    unpricedNotice: (names: string) => `未定价：${names}。在有价格与其匹配之前，其用量显示为未定价（费用未知）。`,
    caption: "可用模型及其限制和价格",
    model: "模型",
    provider: "提供方",
    contextWindow: "上下文窗口",
    maxOutput: "最大输出",
    price: "美元 / 百万 token（输入 / 输出）",
    actions: "操作",
    tokens: (n: number) => `${n.toLocaleString("zh-CN")} token`,
    priced: (input: number, output: number) => `${perMTok(input)} / ${perMTok(output)}`,
    via: (name: string) => `来自 ${name}`,
    unpriced: "未定价",
    setPrice: "设置价格",
    setPriceLabel: (name: string) => `为 ${name} 设置价格`,
    changePrice: "修改价格",
    changePriceLabel: (name: string) => `修改 ${name} 的价格`,
    clearPrice: "清除价格",
    clearPriceLabel: (name: string) => `清除 ${name} 的价格`,
    confirmClear: (price: string, models: string) => `删除价格 ${price}？它为 ${models} 定价；除非有其他价格匹配，它们之后的对话将不计价。`,
    withdraw: "下架",
    withdrawLabel: (name: string) => `下架 ${name}`,
    confirmWithdraw: (name: string) => `下架 ${name}？此后不能再为智能体配置该模型。`,
    added: (name: string) => `已添加 ${name}。现在可在智能体工厂中选择它。`,
    priceSaved: (name: string) => `已保存价格 ${name}。从现在起的对话按此计费。`,
    priceCleared: (name: string) => `已删除价格 ${name}。`,
    withdrawn: (name: string) => `已下架 ${name}。`,
    inUse: (message: string) => `未下架：${message} 请先在智能体工厂中修改他们的模型，再下架。`,
    failed: "无法修改模型。",
    empty: "没有可用模型：智能体使用其运行时自身的模型。可在下方添加。",
    emptyReadOnly: "没有可用模型：智能体使用其运行时自身的模型。",
  },
});

/** What the price form below the table is open for. */
type Pricing = { model: Model; price: ModelPrice | null } | null;

/** The catalogue with limits and prices; admins add, price and withdraw models. */
export function ModelsSection({ data, isAdmin, onChanged }: { data: ModelsData; isAdmin: boolean; onChanged: () => void }) {
  const t = useStrings(STRINGS);
  const [pricing, setPricing] = useState<Pricing>(null);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const priceById = new Map(data.prices.map((p) => [p.id, p]));
  const priceOf = (model: Model) => priceById.get(data.priceOf[model.id] ?? "") ?? null;
  const unpriced = data.models.filter((model) => !model.priced);

  const done = (text: string) => {
    setPricing(null);
    setOutcome({ ok: true, text });
    onChanged();
  };
  const clearPrice = async (price: ModelPrice) => {
    const covered = modelsPricedBy(data, price.id).map((m) => m.name).join(", ");
    if (!window.confirm(t.confirmClear(price.name, covered))) return;
    setOutcome(null);
    try {
      await deletePrice(price.id);
      done(t.priceCleared(price.name));
    } catch (err) {
      setOutcome({ ok: false, text: describeError(err, t.failed) });
    }
  };
  const withdraw = async (model: Model) => {
    if (!window.confirm(t.confirmWithdraw(model.name))) return;
    setOutcome(null);
    try {
      await deleteModel(model.id);
      done(t.withdrawn(model.name));
    } catch (err) {
      const conflict = conflictOf(err);
      setOutcome({ ok: false, text: conflict ? t.inUse(conflict.message) : describeError(err, t.failed) });
    }
  };

  return (
    <Card titleId="models-catalogue-title" title={t.title} testId="models-catalogue">
      <p className="muted">{t.intro}</p>
      {unpriced.length > 0 ? (
        <p className="notice notice--warn" data-testid="models-unpriced">
          {t.unpricedNotice(unpriced.map((m) => m.name).join(", "))}
        </p>
      ) : null}
      <Outcome outcome={outcome} />
      {data.models.length === 0 ? (
        <EmptyState>{isAdmin ? t.empty : t.emptyReadOnly}</EmptyState>
      ) : (
        <DataTable caption={t.caption} columns={[t.model, t.provider, t.contextWindow, t.maxOutput, t.price]} actions={isAdmin ? t.actions : undefined}>
          {data.models.map((model) => {
            const price = priceOf(model);
            return (
              <tr key={model.id} data-testid="model-row" data-model={model.id}>
                <th scope="row">
                  {model.name} <span className="muted models-id">{model.id}</span>
                </th>
                <td>{model.provider}</td>
                <td>{t.tokens(model.contextWindow)}</td>
                <td>{t.tokens(model.maxOutputTokens)}</td>
                <td>
                  {model.pricing ? (
                    <>
                      {t.priced(model.pricing.inputPerMTokUsd, model.pricing.outputPerMTokUsd)}
                      {price && price.name !== model.name ? <span className="muted"> {t.via(price.name)}</span> : null}
                    </>
                  ) : (
                    <span className="badge">{t.unpriced}</span>
                  )}
                </td>
                {isAdmin ? (
                  <td>
                    <div className="actions">
                      {price ? (
                        <>
                          <button type="button" className="button button--small" onClick={() => setPricing({ model, price })} aria-label={t.changePriceLabel(model.name)}>
                            {t.changePrice}
                          </button>
                          <button type="button" className="button button--small" onClick={() => void clearPrice(price)} aria-label={t.clearPriceLabel(model.name)}>
                            {t.clearPrice}
                          </button>
                        </>
                      ) : (
                        <button type="button" className="button button--small" onClick={() => setPricing({ model, price: null })} aria-label={t.setPriceLabel(model.name)}>
                          {t.setPrice}
                        </button>
                      )}
                      <button type="button" className="button button--small button--danger" onClick={() => void withdraw(model)} aria-label={t.withdrawLabel(model.name)}>
                        {t.withdraw}
                      </button>
                    </div>
                  </td>
                ) : null}
              </tr>
            );
          })}
        </DataTable>
      )}
      {isAdmin && pricing ? (
        pricing.price ? (
          <PriceForm key={`edit-${pricing.price.id}`} idPrefix="model-price" price={pricing.price} onDone={(p) => done(t.priceSaved(p.name))} onCancel={() => setPricing(null)} />
        ) : (
          <PriceForm
            key={`new-${pricing.model.id}`}
            idPrefix="model-price"
            modelName={pricing.model.name}
            draft={{ id: priceIdFor(pricing.model.id), name: pricing.model.name, pattern: pricing.model.id.toLowerCase(), input: "", output: "" }}
            takenIds={data.prices.map((p) => p.id)}
            onDone={(p) => done(t.priceSaved(p.name))}
            onCancel={() => setPricing(null)}
          />
        )
      ) : null}
      {isAdmin ? <ModelForm onDone={(model) => done(t.added(model.name))} /> : null}
    </Card>
  );
}
