// Prisma's upsert reads, then inserts: two processes (or requests) doing the
// same upsert at once can both miss and one insert then fails on the unique
// index (P2002), notably on PostgreSQL. Running it again finds the winner's row.
/** Whether a Prisma error is a unique-index violation (P2002). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

export async function retryOnUniqueViolation<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return operation();
  }
}
