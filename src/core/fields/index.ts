export * from './standard-fields';
