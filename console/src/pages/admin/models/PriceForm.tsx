import { useEffect, useState, type FormEvent } from "react";
import type { ModelPrice } from "@clawgate/contracts";
import { TextField } from "../../../components/Field.tsx";
import { TitledForm } from "../../../components/TitledForm.tsx";
import { putPrice } from "../../../budgetsApi.ts";
import { describeError } from "../../../errors.ts";
import { defineStrings, useStrings } from "../../../i18n/strings.ts";
import { fieldIssues } from "../agents/fieldIssues.ts";
import { parseUsd } from "../cost/money.ts";

const STRINGS = defineStrings({
  en: {
    addTitle: "Add a price",
    forModel: (name: string) => `Price ${name}`,
    editTitle: (name: string) => `Change the price ${name}`,
    id: "Price id",
    idHint: "Lowercase letters, digits, '.' or '-'.",
    name: "Name",
    pattern: "Model pattern",
    patternHint: "A lowercase glob over model ids (* any characters, ? one); the longest matching pattern prices a model.",
    input: "Input, USD per 1M tokens",
    output: "Output, USD per 1M tokens",
    notAmount: "Enter an amount in dollars, such as 3 or 0.25.",
    noId: "Give the price an id.",
    idTaken: "A price with this id exists: change that one instead.",
    save: "Save price",
    failed: "Could not save the price.",
    appliesFrom: "A price applies to turns from now on; earlier turns keep the price they were billed at.",
  },
  zh: {
    addTitle: "添加价格",
    forModel: (name: string) => `为 ${name} 定价`,
    editTitle: (name: string) => `修改价格 ${name}`,
    id: "价格 ID",
    idHint: "小写字母、数字、“.”或“-”。",
    name: "名称",
    pattern: "模型匹配模式",
    patternHint: "对模型 ID 的小写通配模式（* 任意字符，? 单个字符）；匹配最长的模式为模型定价。",
    input: "输入，美元 / 百万 token",
    output: "输出，美元 / 百万 token",
    notAmount: "请输入美元金额，例如 3 或 0.25。",
    noId: "请为价格填写 ID。",
    idTaken: "已存在此 ID 的价格：请修改那一个。",
    save: "保存价格",
    failed: "无法保存价格。",
    appliesFrom: "价格从现在起适用于新的对话；之前的对话保留当时的计费价格。",
  },
});

type Field = "id" | "name" | "pattern" | "inputUsdPerMTok" | "outputUsdPerMTok";

export interface PriceDraft {
  id: string;
  name: string;
  pattern: string;
  input: string;
  output: string;
}

interface Props {
  /** Prefixes the form's element ids, so two price forms on one page stay apart. */
  idPrefix: string;
  /** The price to change (its id stays); absent: a new one, maybe drafted for a model. */
  price?: ModelPrice;
  draft?: PriceDraft;
  /** The model a new price is drafted for, named in the title. */
  modelName?: string;
  /** Ids already in the table: a new price must not silently replace one (PUT would). */
  takenIds?: string[];
  onDone: (price: ModelPrice) => void;
  onCancel?: () => void;
}

/** Creates or replaces a model price (PUT /pricing/{id}); the server's refusals next to the fields, a taken pattern (409) beside the form. */
export function PriceForm({ idPrefix: prefix, price, draft, modelName, takenIds = [], onDone, onCancel }: Props) {
  const t = useStrings(STRINGS);
  const initial: PriceDraft = price
    ? { id: price.id, name: price.name, pattern: price.pattern, input: String(price.inputUsdPerMTok), output: String(price.outputUsdPerMTok) }
    : (draft ?? { id: "", name: "", pattern: "", input: "", output: "" });
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  // Opened from a row's button (a price to change or one drafted for a model): take the keyboard to the first field to fill.
  const firstToFill = price ? `${prefix}-name` : draft ? `${prefix}-inputUsdPerMTok` : null;
  useEffect(() => {
    if (firstToFill) document.getElementById(firstToFill)?.focus();
  }, [firstToFill]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setOutcome(null);
    const inputUsdPerMTok = parseUsd(values.input);
    const outputUsdPerMTok = parseUsd(values.output);
    const id = values.id.trim();
    if (!price && (id === "" || takenIds.includes(id))) {
      setErrors({ id: id === "" ? t.noId : t.idTaken });
      return;
    }
    if (inputUsdPerMTok === null || outputUsdPerMTok === null) {
      setErrors({ ...(inputUsdPerMTok === null ? { inputUsdPerMTok: t.notAmount } : {}), ...(outputUsdPerMTok === null ? { outputUsdPerMTok: t.notAmount } : {}) });
      return;
    }
    try {
      const saved = await putPrice(id, { name: values.name, pattern: values.pattern, inputUsdPerMTok, outputUsdPerMTok });
      setErrors({});
      if (!price) setValues({ id: "", name: "", pattern: "", input: "", output: "" });
      onDone(saved);
    } catch (err) {
      const byField = fieldIssues(err) as Partial<Record<Field, string>>;
      setErrors(byField);
      const shown = (["id", "name", "pattern", "inputUsdPerMTok", "outputUsdPerMTok"] as Field[]).some((f) => byField[f]);
      setOutcome(shown ? null : { ok: false, text: describeError(err, t.failed) });
    }
  };

  const input = (field: Field, key: keyof PriceDraft, label: string, hint?: string, inputMode?: "decimal") => (
    <TextField
      id={`${prefix}-${field}`}
      label={label}
      hint={hint}
      error={errors[field]}
      value={values[key]}
      onChange={(e) => setValues((v) => ({ ...v, [key]: e.target.value }))}
      autoComplete="off"
      inputMode={inputMode}
    />
  );

  return (
    <TitledForm id={prefix} title={price ? t.editTitle(price.name) : modelName ? t.forModel(modelName) : t.addTitle} outcome={outcome} submitLabel={t.save} onSubmit={(event) => void submit(event)} onCancel={onCancel}>
      <p className="muted">{t.appliesFrom}</p>
      <div className="field-grid">
        {price ? null : input("id", "id", t.id, t.idHint)}
        {input("name", "name", t.name)}
        {input("pattern", "pattern", t.pattern, t.patternHint)}
        {input("inputUsdPerMTok", "input", t.input, undefined, "decimal")}
        {input("outputUsdPerMTok", "output", t.output, undefined, "decimal")}
      </div>
    </TitledForm>
  );
}
