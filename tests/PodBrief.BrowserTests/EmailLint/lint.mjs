// Usage: node lint.mjs <file.html> <client glob>...
// Prints one JSON object: { success, errors, notes } from doiuse-email (caniemail.com data).
import { readFileSync } from 'node:fs';
import { doIUseEmail } from '@jsx-email/doiuse-email';

const [file, ...clients] = process.argv.slice(2);
const result = doIUseEmail(readFileSync(file, 'utf8'), { emailClients: clients });
process.stdout.write(JSON.stringify({ success: result.success, errors: result.errors ?? [], notes: result.notes ?? [] }));
