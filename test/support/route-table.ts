// Lists every route of the app with the audience its first handler declares,
// by walking Express 5's router stack.
import type { Express } from "express";
import type { Audience } from "../../src/auth/roles.js";

export type RouteEntry = { method: string; path: string; audience: readonly Audience[] | undefined };

type Layer = {
  name: string;
  rawPath?: string;
  slash?: boolean;
  handle: { stack?: Layer[] } & { audience?: readonly Audience[] };
  route?: { path: string; methods: Record<string, boolean>; stack: { handle: { audience?: readonly Audience[] } }[] };
};

function walk(stack: Layer[], prefix: string, out: RouteEntry[]): void {
  for (const layer of stack) {
    if (layer.route) {
      const audience = layer.route.stack[0]?.handle.audience;
      for (const method of Object.keys(layer.route.methods)) {
        out.push({ method: method.toUpperCase(), path: prefix + layer.route.path, audience });
      }
    } else if (layer.name === "router" && layer.handle.stack) {
      walk(layer.handle.stack, layer.slash ? prefix : prefix + (layer.rawPath ?? ""), out);
    }
  }
}

export function listRoutes(app: Express): RouteEntry[] {
  const out: RouteEntry[] = [];
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, "", out);
  return out;
}
