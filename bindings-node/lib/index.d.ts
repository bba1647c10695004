// Types of the public API of `roq-users` (the native layer's are generated into native.d.ts).

/** Options of `new Platform(...)`. */
export interface PlatformOptions {
  /** Base URL of the server, e.g. `http://127.0.0.1:8080`. */
  host: string
  /** The environment id (a UUID). */
  environmentId: string
  /** An API key of that environment. */
  apiKey: string
  /** Timeout of each HTTP request in milliseconds (default 30000). */
  timeoutMs?: number
  /** Retries of a failed idempotent call (default 3). */
  retries?: number
  /** The User-Agent header. */
  userAgent?: string
}

/** A user (`UserModel`). */
export interface User {
  id: string
  reference: string
  email: string
  firstName: string | null
  lastName: string | null
  phone: string | null
  locale: string | null
  timezone: string | null
  avatarUrl: string | null
  isOptedIn: boolean
  active: boolean
  synced: boolean
  twoFactorEnabled: boolean
  tenantId: string
  customData: Record<string, unknown>
  createdAt: Date
  updatedAt: Date
  /** Incremented on each change. */
  version: number
}

/** A tenant (`TenantModel`). */
export interface Tenant {
  id: string
  name: string
  reference: string | null
  isDefault: boolean
  createdAt: Date
  updatedAt: Date
}

/** One page of a list; `totalCount` ignores limit and offset. */
export interface Page<T> {
  data: T[]
  totalCount: number
}

export interface UserCreate {
  reference: string
  email: string
  firstName?: string
  lastName?: string
  phone?: string
  locale?: string
  timezone?: string
  avatarUrl?: string
  password?: string
  isOptedIn?: boolean
  active?: boolean
  twoFactorEnabled?: boolean
  tenantId?: string
  customData?: Record<string, unknown>
  roles?: string[]
}

/** `undefined` (or absent) leaves a field unchanged; `null` clears it. */
export interface UserUpdate {
  email?: string
  firstName?: string | null
  lastName?: string | null
  phone?: string | null
  locale?: string | null
  timezone?: string | null
  avatarUrl?: string | null
  isOptedIn?: boolean
  active?: boolean
  twoFactorEnabled?: boolean
  tenantId?: string
  customData?: Record<string, unknown> | null
}

export interface StringFilter {
  equalTo?: string | null
  notEqualTo?: string | null
  valueIn?: string[]
  valueNotIn?: string[]
  like?: string
  iLike?: string
}

export interface IdFilter {
  equalTo?: string | null
  notEqualTo?: string | null
  valueIn?: string[]
  valueNotIn?: string[]
}

export interface BooleanFilter {
  equalTo?: boolean | null
  notEqualTo?: boolean | null
}

export interface DateFilter {
  equalTo?: Date | string | null
  notEqualTo?: Date | string | null
  lessThan?: Date | string
  lessThanEqual?: Date | string
  moreThan?: Date | string
  moreThanEqual?: Date | string
}

export interface UserFilter {
  id?: IdFilter
  reference?: StringFilter
  email?: StringFilter
  firstName?: StringFilter
  lastName?: StringFilter
  phone?: StringFilter
  locale?: StringFilter
  timezone?: StringFilter
  active?: BooleanFilter
  withDeactivated?: BooleanFilter
  optedInAt?: DateFilter
  tenantId?: IdFilter
  roleId?: IdFilter
  roleKey?: StringFilter
  userGroupId?: IdFilter & { all?: string[] }
  userGroupName?: StringFilter & { all?: string[] }
  userProviderId?: IdFilter
  /** Case-insensitive substring over email, firstName and lastName. */
  search?: string
}

export type UserSortKey =
  | 'active' | 'createdAt' | 'email' | 'firstName' | 'lastName' | 'locale' | 'phone' | 'timezone' | 'updatedAt'

export interface UsersArgs {
  filter?: UserFilter
  /** Page size (default 100, at most 1000). For `iterUsers`, the size of each page. */
  limit?: number
  offset?: number
  order?: { order: 'ASC' | 'DESC'; sort: UserSortKey }
  search?: { key: 'email' | 'firstName' | 'lastName' | 'locale' | 'phone' | 'timezone'; value: string }
}

export interface TenantsArgs {
  filter?: { id?: IdFilter; reference?: StringFilter }
  limit?: number
  offset?: number
  order?: { order: 'ASC' | 'DESC'; sort: 'createdAt' }
}

/** A client acting as the super admin or as one user. */
export declare class Scope {
  createUser(args: { user: UserCreate }): Promise<User>
  updateUser(args: { id: string; user: UserUpdate }): Promise<User>
  deactivateUser(args: { id: string }): Promise<User>
  user(args: { id: string }): Promise<User>
  users(args?: UsersArgs): Promise<Page<User>>
  iterUsers(args?: UsersArgs): AsyncIterableIterator<User>
  createTenant(args: { tenant: { name: string; reference?: string } }): Promise<Tenant>
  updateTenant(args: { id: string; tenant: { name: string; reference?: string | null } }): Promise<Tenant>
  tenant(args: { id: string }): Promise<Tenant>
  tenants(args?: TenantsArgs): Promise<Page<Tenant>>
}

/** The client of one environment. */
export declare class Platform {
  constructor(options: PlatformOptions)
  asSuperAdmin(): Scope
  asUser(userId: string): Scope
}

/** One broken rule of one input field. */
export interface Violation {
  field: string
  code: string
  message: string
}

/** Base class of every roq-users error. */
export declare class RoqError extends Error {
  readonly statusCode: number
  readonly errorCode: string
  readonly violations: Violation[]
  readonly retryAfterMs: number | null
  readonly requestId: string | null
}
export declare class ValidationError extends RoqError {}
export declare class NotFoundError extends RoqError {}
export declare class ConflictError extends RoqError {}
export declare class UnauthorizedError extends RoqError {}
export declare class ForbiddenError extends RoqError {}
export declare class PayloadTooLargeError extends RoqError {}
export declare class RateLimitedError extends RoqError {}
export declare class ServerError extends RoqError {}
export declare class TransportError extends RoqError {}
export declare class TimeoutError extends RoqError {}
