import { forwardToEdge } from "../edge-proxy.ts";

/** `/twin/<token>`: the Worker builds twin links on the origin the console was opened on, so they land here. */
export const onRequest = forwardToEdge;
