import type { GuardrailAction, GuardrailPolicy, PiiType } from "@clawgate/contracts";
import { defineStrings, useStrings } from "../../../i18n/strings.ts";

export const PII_TYPES: PiiType[] = ["email", "phone", "credit_card", "us_ssn", "iban", "aws_access_key"];

/** A built-in policy as the form holds it: phrase and word lists as text, one entry per line. */
export interface PolicyDraft {
  topics: { name: string; phrases: string }[];
  pii: Partial<Record<PiiType, GuardrailAction>>;
  wordLists: { name: string; words: string; action: GuardrailAction }[];
}

const lines = (text: string) =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);

export const EMPTY_POLICY: PolicyDraft = { topics: [], pii: {}, wordLists: [] };

export function policyDraft(policy: GuardrailPolicy): PolicyDraft {
  return {
    topics: policy.deniedTopics.map((topic) => ({ name: topic.name, phrases: topic.phrases.join("\n") })),
    pii: Object.fromEntries(policy.pii.map((rule) => [rule.type, rule.action])),
    wordLists: policy.wordLists.map((list) => ({ name: list.name, words: list.words.join("\n"), action: list.action })),
  };
}

export function policyOf(draft: PolicyDraft): GuardrailPolicy {
  return {
    deniedTopics: draft.topics.map((topic) => ({ name: topic.name.trim(), phrases: lines(topic.phrases) })),
    pii: PII_TYPES.filter((type) => draft.pii[type]).map((type) => ({ type, action: draft.pii[type]! })),
    wordLists: draft.wordLists.map((list) => ({ name: list.name.trim(), words: lines(list.words), action: list.action })),
  };
}

const STRINGS = defineStrings({
  en: {
    topics: "Denied topics",
    topicsHint: "A topic is blocked when any of its phrases occurs (whole words, any case).",
    topicName: (n: number) => `Topic ${n} name`,
    phrases: (n: number) => `Topic ${n} phrases, one per line`,
    addTopic: "Add topic",
    removeTopic: (n: number) => `Remove topic ${n}`,
    pii: "Personal data",
    piiOff: "allow",
    block: "block",
    mask: "mask",
    piiLabel: (type: string) => `Action for ${type}`,
    wordLists: "Word lists",
    listName: (n: number) => `Word list ${n} name`,
    words: (n: number) => `Word list ${n} words, one per line`,
    listAction: (n: number) => `Word list ${n} action`,
    addList: "Add word list",
    removeList: (n: number) => `Remove word list ${n}`,
    remove: "Remove",
  },
  zh: {
    topics: "禁止话题",
    topicsHint: "出现任一短语（整词、不区分大小写）即拦截该话题。",
    topicName: (n: number) => `话题 ${n} 名称`,
    phrases: (n: number) => `话题 ${n} 短语，每行一个`,
    addTopic: "添加话题",
    removeTopic: (n: number) => `移除话题 ${n}`,
    pii: "个人信息",
    piiOff: "允许",
    block: "拦截",
    mask: "遮盖",
    piiLabel: (type: string) => `${type} 的处理方式`,
    wordLists: "词表",
    listName: (n: number) => `词表 ${n} 名称`,
    words: (n: number) => `词表 ${n} 词语，每行一个`,
    listAction: (n: number) => `词表 ${n} 处理方式`,
    addList: "添加词表",
    removeList: (n: number) => `移除词表 ${n}`,
    remove: "移除",
  },
});

/** Edits a built-in policy: denied topics, personal data types (block or mask) and word lists. */
export function PolicyEditor({ draft, onChange, idPrefix }: { draft: PolicyDraft; onChange: (draft: PolicyDraft) => void; idPrefix: string }) {
  const t = useStrings(STRINGS);
  const setTopic = (i: number, change: Partial<PolicyDraft["topics"][number]>) => onChange({ ...draft, topics: draft.topics.map((topic, j) => (j === i ? { ...topic, ...change } : topic)) });
  const setList = (i: number, change: Partial<PolicyDraft["wordLists"][number]>) => onChange({ ...draft, wordLists: draft.wordLists.map((list, j) => (j === i ? { ...list, ...change } : list)) });

  return (
    <div className="policy-editor">
      <fieldset className="policy-group">
        <legend>{t.topics}</legend>
        <p className="field-hint">{t.topicsHint}</p>
        {draft.topics.map((topic, i) => (
          <div key={i} className="policy-row">
            <input className="field-input" aria-label={t.topicName(i + 1)} value={topic.name} onChange={(e) => setTopic(i, { name: e.target.value })} id={`${idPrefix}-topic-${i}`} />
            <textarea className="field-input" aria-label={t.phrases(i + 1)} rows={3} value={topic.phrases} onChange={(e) => setTopic(i, { phrases: e.target.value })} />
            <button type="button" className="button button--small" aria-label={t.removeTopic(i + 1)} onClick={() => onChange({ ...draft, topics: draft.topics.filter((_, j) => j !== i) })}>
              {t.remove}
            </button>
          </div>
        ))}
        <button type="button" className="button button--small" onClick={() => onChange({ ...draft, topics: [...draft.topics, { name: "", phrases: "" }] })}>
          {t.addTopic}
        </button>
      </fieldset>
      <fieldset className="policy-group">
        <legend>{t.pii}</legend>
        <div className="policy-pii">
          {PII_TYPES.map((type) => (
            <label key={type} className="field">
              <span className="field-label">{type}</span>
              <select
                className="field-input"
                aria-label={t.piiLabel(type)}
                value={draft.pii[type] ?? ""}
                onChange={(e) => {
                  const pii = { ...draft.pii };
                  if (e.target.value) pii[type] = e.target.value as GuardrailAction;
                  else delete pii[type];
                  onChange({ ...draft, pii });
                }}
              >
                <option value="">{t.piiOff}</option>
                <option value="block">{t.block}</option>
                <option value="mask">{t.mask}</option>
              </select>
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="policy-group">
        <legend>{t.wordLists}</legend>
        {draft.wordLists.map((list, i) => (
          <div key={i} className="policy-row">
            <input className="field-input" aria-label={t.listName(i + 1)} value={list.name} onChange={(e) => setList(i, { name: e.target.value })} />
            <textarea className="field-input" aria-label={t.words(i + 1)} rows={3} value={list.words} onChange={(e) => setList(i, { words: e.target.value })} />
            <select className="field-input" aria-label={t.listAction(i + 1)} value={list.action} onChange={(e) => setList(i, { action: e.target.value as GuardrailAction })}>
              <option value="block">{t.block}</option>
              <option value="mask">{t.mask}</option>
            </select>
            <button type="button" className="button button--small" aria-label={t.removeList(i + 1)} onClick={() => onChange({ ...draft, wordLists: draft.wordLists.filter((_, j) => j !== i) })}>
              {t.remove}
            </button>
          </div>
        ))}
        <button type="button" className="button button--small" onClick={() => onChange({ ...draft, wordLists: [...draft.wordLists, { name: "", words: "", action: "block" }] })}>
          {t.addList}
        </button>
      </fieldset>
    </div>
  );
}
