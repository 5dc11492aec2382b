import type { ReactNode } from "react";

interface Props {
  /** The heading's id; the heading names the section for screen readers. */
  titleId: string;
  title: ReactNode;
  testId?: string | undefined;
  /** Extra classes beside "card". */
  className?: string;
  children: ReactNode;
}

/** A page section drawn as a card, named by its heading. */
export function Card({ titleId, title, testId, className, children }: Props) {
  return (
    <section className={className ? `card ${className}` : "card"} aria-labelledby={titleId} data-testid={testId}>
      <h2 id={titleId} className="card-title">
        {title}
      </h2>
      {children}
    </section>
  );
}
