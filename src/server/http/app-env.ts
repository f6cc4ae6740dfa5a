import type { HttpBindings } from '@hono/node-server';
import type { StaffUser } from '../../domain/accounts.ts';
import type { PublicKeyJwk } from '../../domain/schemas/device.ts';
import type { Store } from '../store/store.ts';

/** The enrolled device a bearer token belongs to (set by requireDevice). */
export interface AuthDevice {
  id: string;
  /** The name staff gave it at enrolment, as the audit trail names the device. */
  label: string;
  unitId: string;
  publicKey: PublicKeyJwk;
}

/**
 * The Hono environment of every API route: `c.get('staff')` after requireStaff, `c.get('device')` after
 * requireDevice. The node bindings are missing under `app.request()` in tests, hence Partial.
 */
export interface AppEnv {
  Bindings: Partial<HttpBindings>;
  Variables: {
    staff: StaffUser;
    /** The store requireStaff checked the session against, so authorize() can walk the unit tree. */
    staffStore: Store;
    device: AuthDevice;
  };
}
