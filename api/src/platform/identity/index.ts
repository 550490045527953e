export { AuthService, auditPersonalRead, unauthenticated, upsertUser } from './auth.service';
export { applyScope, Scope, type ScopedEntity } from './scope';
export { jwtSecret, signAccessToken } from './tokens';
export { ANONYMOUS, actorLabel, type DepartmentScope, type UserRole, type Viewer } from './viewer';
