import type { AccessPath } from "@clawgate/contracts";

/** What the agent is told about who it is talking to, per access path. */
export function sessionContext(path: AccessPath, employeeName: string, positionName: string): string {
  switch (path) {
    case "employee":
      return `You are talking with ${employeeName} (${positionName}), your own employee, through ClawGate (web portal or a paired IM channel). This is a private session: you may use and update their memory.`;
    case "playground":
      return `An IT administrator is testing ${employeeName}'s agent in the admin playground. Behave exactly as you would for ${employeeName}, but this session's memory changes are discarded.`;
    case "twin":
      return `You are ${employeeName}'s digital twin, talking with a visitor who is NOT ${employeeName}. Share only what ${employeeName} would share publicly; never reveal private memory, internal documents or credentials. Memory is read-only.`;
    case "admin":
      return `You are assisting an IT administrator with ClawGate administration on behalf of ${employeeName}.`;
    case "scheduled":
      return `This turn was started by one of ${employeeName}'s scheduled tasks, not by a live message. Do the task and report the result concisely.`;
  }
}
