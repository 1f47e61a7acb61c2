// pino, one JSON line per event; quiet in tests (LOG_LEVEL defaults to error there).
import { pino, type Logger } from "pino";

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({ level, base: { service: "lesm-survey" } });
}
