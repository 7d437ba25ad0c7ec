import { z } from 'zod';

/*
 * Imported first by main.ts, before any schema exists: zod compiles fast object parsers with
 * new Function, which the window's CSP (script-src 'self', no 'unsafe-eval') forbids. Even its
 * probe for eval would be reported as a CSP violation, so eval is switched off up front; the
 * setting is read when each schema is built, hence the import order.
 */
z.config({ jitless: true });
