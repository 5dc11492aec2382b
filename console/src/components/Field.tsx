import type { InputHTMLAttributes, ReactNode, Ref, SelectHTMLAttributes } from "react";

/** What every labelled control shares: its label, an optional hint, and the server's refusal wired to it. */
interface FieldFrame {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  /** The error's id (and test id) when the server names the field differently from the control; `${id}-error` otherwise. */
  errorId?: string;
  /** A hint elsewhere on the form that describes this control while no error shows. */
  describedBy?: string;
}

type TextFieldProps = FieldFrame & Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "className"> & { ref?: Ref<HTMLInputElement> };
type SelectFieldProps = FieldFrame & Omit<SelectHTMLAttributes<HTMLSelectElement>, "id" | "className"> & { ref?: Ref<HTMLSelectElement> };

/** The control's id, class and accessibility state: an error replaces the hint as its description so a screen reader reads the reason first. */
function controlProps({ id, hint, error, errorId, describedBy }: FieldFrame) {
  const hintId = hint ? `${id}-hint` : describedBy;
  return {
    id,
    className: "field-input",
    "aria-invalid": error ? true : undefined,
    "aria-describedby": error ? (errorId ?? `${id}-error`) : hintId,
  };
}

function Frame({ frame, children }: { frame: FieldFrame; children: ReactNode }) {
  const { id, label, hint, error } = frame;
  const errorId = frame.errorId ?? `${id}-error`;
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {children}
      {hint ? (
        <span id={`${id}-hint`} className="field-hint">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={errorId} className="field-error" data-testid={errorId}>
          {error}
        </span>
      ) : null}
    </div>
  );
}

/** A labelled text (or number, date…) input with its hint and the server's error under it. */
export function TextField({ id, label, hint, error, errorId, describedBy, ...input }: TextFieldProps) {
  const frame = { id, label, hint, error, errorId, describedBy };
  return (
    <Frame frame={frame}>
      <input {...input} {...controlProps(frame)} />
    </Frame>
  );
}

/** A labelled select with its hint and the server's error under it; the options are its children. */
export function SelectField({ id, label, hint, error, errorId, describedBy, children, ...select }: SelectFieldProps) {
  const frame = { id, label, hint, error, errorId, describedBy };
  return (
    <Frame frame={frame}>
      <select {...select} {...controlProps(frame)}>
        {children}
      </select>
    </Frame>
  );
}
