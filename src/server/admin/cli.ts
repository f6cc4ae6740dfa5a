/**
 * `npm run admin -- <command> …`, the server's administration commands; `npm run backup` and `npm run restore` run
 * the `backup` and `restore` commands (backup-commands.ts).
 *
 * `create-admin --login <login> --unit "<top unit name>" [--name "<display name>"] [--level province|district]`
 * creates an administrator account (create-admin.ts), on the database the server's environment names
 * (DATABASE_URL, else PGlite in DATA_DIR). The password is read from standard input (its first line), so it never
 * shows in the shell history or the process list; on a terminal it is asked twice, unechoed. With PGlite and a
 * server running on the same DATA_DIR the running server does the work (admin-socket.ts).
 *
 * Exit code 0 when the command did its work, 1 when it was refused (the message says why), 2 on a usage error.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../domain/password-policy.ts';
import { EnvError, readEnv, type Env } from '../env.ts';
import { openStore } from '../store/open-store.ts';
import { createAdminThroughSocket } from './admin-socket.ts';
import { backupCommand, restoreCommand } from './backup-commands.ts';
import { UsageError, type AdminCommand } from './command.ts';
import { createAdmin, type AdminOutcome } from './create-admin.ts';
import { removeSetupCode, setupCodePath } from './setup-code.ts';

const USAGE = `Cách dùng:
  npm run admin -- create-admin --login <tên đăng nhập> --unit "<tên đơn vị cấp cao nhất>" [--name "<họ tên>"] [--level province|district]
  npm run backup -- <tệp sao lưu> [--force]
  npm run restore -- <tệp sao lưu>
Mật khẩu đọc từ đầu vào chuẩn (dòng đầu tiên), ví dụ: printf '%s\\n' "$MAT_KHAU" | npm run admin -- create-admin …`;

/** The account's password: the first line of a pipe, or typed twice on a terminal without echo. */
async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const lines = createInterface({ input: process.stdin });
    for await (const line of lines) return line;
    return '';
  }
  const first = await askHidden('Mật khẩu: ');
  const second = await askHidden('Nhập lại mật khẩu: ');
  if (first !== second) throw new UsageError('Hai lần nhập mật khẩu không giống nhau.');
  return first;
}

/** Reads one line from the terminal without echoing it. */
function askHidden(prompt: string): Promise<string> {
  return new Promise((resolve) => {
    process.stdout.write(prompt);
    const { stdin } = process;
    stdin.setRawMode(true);
    stdin.resume();
    let typed = '';
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') {
          stdin.off('data', onData);
          stdin.setRawMode(false);
          stdin.pause();
          process.stdout.write('\n');
          resolve(typed);
          return;
        }
        if (char === '\u0003') process.exit(130);
        typed = char === '\u007f' ? [...typed].slice(0, -1).join('') : typed + char;
      }
    };
    stdin.on('data', onData);
  });
}

/** The command line's request, checked by createAdmin's schema like any other input. */
function requestOf(argv: readonly string[]): Record<string, string> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        login: { type: 'string' },
        unit: { type: 'string' },
        name: { type: 'string' },
        level: { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { positionals, values } = parsed;
  if (positionals.length > 0) throw new UsageError(`Tham số thừa: ${positionals.join(' ')}`);
  if (values.login === undefined || values.unit === undefined) {
    throw new UsageError('Cần có --login và --unit.');
  }
  return {
    login: values.login,
    unitName: values.unit,
    ...(values.name === undefined ? {} : { displayName: values.name }),
    ...(values.level === undefined ? {} : { level: values.level }),
  };
}

/** What the operator reads about the outcome. */
function describe(outcome: AdminOutcome): string {
  if (outcome.ok) {
    return (
      `Đã tạo tài khoản quản trị "${outcome.login}" của ${outcome.unitName}` +
      `${outcome.unitCreated ? ' (đơn vị vừa được tạo)' : ''}. Đăng nhập tại /staff.`
    );
  }
  switch (outcome.problem) {
    case 'too_short':
      return `Mật khẩu cần ít nhất ${PASSWORD_MIN_LENGTH} ký tự: một cụm vài từ vừa dễ nhớ vừa khó đoán.`;
    case 'too_long':
      return `Mật khẩu dài quá: tối đa ${PASSWORD_MAX_LENGTH} ký tự.`;
    case 'common':
      return 'Mật khẩu này quá phổ biến hoặc quá dễ đoán: hãy chọn một cụm từ khác.';
    case 'contains_login':
      return 'Mật khẩu không được chứa tên đăng nhập.';
    case 'login_taken':
      return `Tên đăng nhập "${outcome.login}" đã có: hãy chọn tên khác.`;
    case 'other_top_unit':
      return (
        `Cơ sở dữ liệu đã có đơn vị cấp cao nhất: ${outcome.topUnits.join(', ')}. ` +
        'Hãy ghi đúng tên đơn vị đó trong --unit.'
      );
    case 'invalid':
      return `Giá trị không hợp lệ (${outcome.field}): ${outcome.message}`;
  }
}

/** `create-admin`: see the module comment. */
async function createAdminCommand(argv: readonly string[], env: Env): Promise<number> {
  const request = { ...requestOf(argv), password: await readPassword() };
  let outcome = env.DATABASE_URL === undefined ? await createAdminThroughSocket(env.DATA_DIR, request) : null;
  if (outcome === null) {
    const store = await openStore({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
    try {
      await store.migrate();
      outcome = await createAdmin(store, request);
    } finally {
      await store.close();
    }
  }
  (outcome.ok ? console.log : console.error)(describe(outcome));
  // The first run is done: the first-run screen's code is of no more use.
  if (outcome.ok) await removeSetupCode(setupCodePath(env.DATA_DIR));
  return outcome.ok ? 0 : 1;
}

const COMMANDS = new Map<string, AdminCommand>([
  ['create-admin', createAdminCommand],
  ['backup', backupCommand],
  ['restore', restoreCommand],
]);

async function run([name = '', ...argv]: readonly string[]): Promise<number> {
  const command = COMMANDS.get(name);
  if (command === undefined) throw new UsageError('Lệnh không rõ.');
  return command(argv, readEnv());
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof EnvError) {
      console.error(`${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    console.error(error);
    process.exit(1);
  },
);
