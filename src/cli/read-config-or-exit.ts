// For the entry points (server, worker): read .env and the configuration, or
// stop with the message that names each bad variable.
import { ConfigError, loadConfig, type Config } from "../config.js";
import { loadEnvFile } from "../load-env-file.js";

export function readConfigOrExit(): Config {
  try {
    loadEnvFile();
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
