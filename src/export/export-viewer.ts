// Who asked for an export: named in the About sheet and the audit log, and the
// one who decides whether agency contacts may be included.
import type { SignedInUser } from "../auth/roles.js";

export type ExportViewer = Pick<SignedInUser, "email" | "name" | "role" | "canSeeContacts">;

/** Admins see everything; a researcher sees contacts only when an admin granted it. */
export function maySeeContacts(viewer: ExportViewer): boolean {
  return viewer.role === "admin" || viewer.canSeeContacts;
}
