// A TypeScript usage example: `tsc --noEmit -p __test__` must accept it (it is not run).
import { ConflictError, Platform, RoqError, type Page, type User } from 'roq-users';

declare function report(...values: unknown[]): void

async function example(environmentId: string, apiKey: string): Promise<void> {
  const platform = new Platform({ host: 'http://127.0.0.1:8080', environmentId, apiKey, timeoutMs: 5000 });
  const admin = platform.asSuperAdmin();
  const user: User = await admin.createUser({ user: { reference: 'crm-42', email: 'ada@example.com', customData: { plan: 'pro' } } });
  const created: Date = user.createdAt;
  await admin.updateUser({ id: user.id, user: { firstName: null, lastName: 'Lovelace' } });
  const page: Page<User> = await admin.users({
    filter: { email: { iLike: '%@example.com' }, withDeactivated: { equalTo: true }, optedInAt: { moreThan: created } },
    order: { order: 'ASC', sort: 'createdAt' },
    limit: 10,
  });
  for await (const u of admin.iterUsers({ limit: 500 })) {
    report(u.reference, u.updatedAt.toISOString(), page.totalCount);
  }
  try {
    await admin.deactivateUser({ id: user.id });
  } catch (err) {
    if (err instanceof ConflictError || err instanceof RoqError) {
      report(err.statusCode, err.errorCode, err.violations.map((v) => v.field));
    }
  }
}

void example;
