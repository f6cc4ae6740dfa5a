import { APP_DB_NAME, openDb } from '../client/db/database.ts';

/**
 * The app's one database handle. It lives in its own module so only the lazily loaded screens and sync
 * import it: Dexie then stays out of the initial bundle and the shell paints before it is parsed.
 */
export const db = openDb({ name: APP_DB_NAME });
