// A timestamp as Prisma stores it on both providers (UTC, with an explicit
// offset), for SQL written by hand beside Prisma.
export function timestamp(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}
