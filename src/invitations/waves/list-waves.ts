// The survey's waves, newest first, with how many of their messages are in each
// state, and whether a wave can still be cancelled (it has messages waiting).
import type { DbOrTx } from "../../db/client.js";

export type WaveRow = {
  id: number;
  name: string;
  kind: string;
  scheduledAt: Date;
  cancelledAt: Date | null;
  createdBy: string;
  counts: Record<string, number>;
  total: number;
  cancellable: boolean;
  scheduled: boolean;
};

export async function listWaves(options: { db: DbOrTx; surveyId: number; now?: Date }): Promise<WaveRow[]> {
  const { db, surveyId, now = new Date() } = options;
  const waves = await db.wave.findMany({
    where: { surveyId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 200,
    select: {
      id: true,
      name: true,
      kind: true,
      scheduledAt: true,
      cancelledAt: true,
      createdBy: { select: { name: true, email: true } },
    },
  });
  const groups = await db.emailMessage.groupBy({
    by: ["waveId", "status"],
    where: { waveId: { in: waves.map((w) => w.id) } },
    _count: true,
  });
  return waves.map((w) => {
    const counts: Record<string, number> = {};
    for (const g of groups) if (g.waveId === w.id) counts[g.status] = g._count;
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    return {
      ...w,
      createdBy: w.createdBy ? w.createdBy.name || w.createdBy.email : "",
      counts,
      total,
      cancellable: w.cancelledAt === null && (counts.queued ?? 0) > 0,
      scheduled: w.scheduledAt > now,
    };
  });
}
