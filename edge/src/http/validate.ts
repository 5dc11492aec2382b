import { zValidator } from "@hono/zod-validator";
import type { ZodType } from "zod";

/** zod validation of a JSON body; bad input gets a 400 in the API error shape and changes nothing. */
export const jsonBody = <T extends ZodType>(schema: T) =>
  zValidator("json", schema, (result, c) => {
    if (!result.success) {
      const issue = result.error.issues[0];
      const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
      return c.json({ error: { code: "invalid_request", message: `${where}${issue?.message ?? "invalid request body"}` } }, 400);
    }
  });
