// express-handlebars with one layout, partials per control, and a small helper set.
import path from "node:path";
import type { Express } from "express";
import { create } from "express-handlebars";
import { helpers } from "./view-helpers.js";

export const viewsDir = path.resolve(import.meta.dirname, "..", "..", "views");

export function useViews(app: Express, options: { cache: boolean }): void {
  const hbs = create({
    extname: ".hbs",
    defaultLayout: "main",
    layoutsDir: path.join(viewsDir, "layouts"),
    partialsDir: path.join(viewsDir, "partials"),
    helpers,
  });
  app.engine(".hbs", hbs.engine);
  app.set("view engine", ".hbs");
  app.set("views", viewsDir);
  if (options.cache) app.enable("view cache");
}
