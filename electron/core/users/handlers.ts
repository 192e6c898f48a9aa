import type { Handlers } from '../dispatcher.ts';
import type { Access } from './access.ts';

export type UserCallName = 'session.status' | 'session.signIn' | 'session.signOut' | 'session.changePassword' | 'users.list' | 'users.create' | 'users.update';

export function userHandlers(access: Access): Pick<Handlers, UserCallName> {
  return {
    'session.status': () => access.status(),
    'session.signIn': ({ username, password }) => access.signIn(username, password),
    'session.signOut': () => access.signOut(),
    'session.changePassword': ({ current, next }) => access.changePassword(current, next),
    'users.list': () => access.listUsers(),
    'users.create': (input) => access.createUser(input),
    'users.update': (input) => access.updateUser(input),
  };
}
