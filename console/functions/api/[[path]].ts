import { forwardToEdge } from "../edge-proxy.ts";

/** `/api/*` on the Pages origin: answered by the edge Worker. */
export const onRequest = forwardToEdge;
