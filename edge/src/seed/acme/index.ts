import type { SeedOrg } from "../types.ts";
import { departments } from "./departments.ts";
import { positions } from "./positions.ts";
import { employees } from "./employees.ts";
import { knowledgeBases } from "./knowledge.ts";
import { skills } from "./skills.ts";
import { globalSoul, globalAgents, askAbout, runtimes } from "./org.ts";

/** The ACME demo organisation (local dev seed only; production never seeds). */
export const acme: SeedOrg = {
  company: "ACME Corp",
  departments,
  positions,
  employees,
  knowledgeBases,
  skills,
  runtimes,
  globalSoul,
  globalAgents,
  askAbout,
};
