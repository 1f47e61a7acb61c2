// Access requests for the admin page: pending ones oldest first (the order to
// answer them in), decided ones newest first below.
import type { DbOrTx } from "../db/client.js";

export async function listAccessRequests(options: { db: DbOrTx; decidedLimit?: number }) {
  const { db, decidedLimit = 100 } = options;
  const include = {
    survey: { select: { title: true } },
    decidedBy: { select: { email: true, name: true } },
  } as const;
  const [pending, decided] = await Promise.all([
    db.accessRequest.findMany({ where: { status: "pending" }, orderBy: { id: "asc" }, include }),
    db.accessRequest.findMany({
      where: { status: { not: "pending" } },
      orderBy: [{ decidedAt: "desc" }, { id: "desc" }],
      take: decidedLimit,
      include,
    }),
  ]);
  return { pending, decided };
}
